using Stratus.Containers.Registry;
using Stratus.Containers.Tests.Source;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

/// <summary>
/// Uploads of files whose digest the build already computed (<see cref="RegistryClient.PushBlobFileAsync"/>), against
/// the real registry: one PUT with the whole file, no second sha256 on the client, the registry's own digest check,
/// and the chunked fallback behind a front that refuses large bodies.
/// </summary>
public sealed class RegistryClientFileUploadTests : IDisposable
{
    private static readonly RegistryCredentials Credentials = new("pusher", "s3cret");
    private readonly RequestCounter _counter = new();
    private readonly HttpClient _http;
    private readonly TempFolder _folder = new("stratus-file-upload-");

    public RegistryClientFileUploadTests()
    {
        _http = new HttpClient(_counter);
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [RegistryFact]
    public async Task PushBlobFileAsync_KnownDigest_OnePutWithTheWholeFileAndNothingHashed()
    {
        var repo = await RepositoryAsync("monolithic");
        var client = new RegistryClient(_http) { ChunkSize = 64 * 1024 };
        var (path, content, digest) = await BlobFileAsync(3 * 1024 * 1024);

        await client.PushBlobFileAsync(repo, path, digest, content.Length, TestTimeout.Token());

        Assert.Equal(0, _counter.Count(HttpMethod.Patch));
        Assert.Equal(content.Length, _counter.Requests.Single(r => r.Method == HttpMethod.Put).Length);
        Assert.Equal(1, client.Statistics.MonolithicUploads);
        Assert.Equal(0, client.Statistics.ChunkedUploads);
        Assert.Equal(0, client.Statistics.BytesHashed);
        Assert.Equal(content.Length, client.Statistics.BytesUploaded);
        Assert.Equal(content, await client.GetBlobBytesAsync(repo, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task PushBlobAsync_Stream_ClientHashesEveryByte()
    {
        var repo = await RepositoryAsync("stream");
        var client = new RegistryClient(_http) { ChunkSize = 64 * 1024 };
        var (content, digest) = TestBlobs.Random(200 * 1024);

        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.Equal(content.Length, client.Statistics.BytesHashed);
        Assert.Equal(1, client.Statistics.ChunkedUploads);
    }

    [RegistryFact]
    public async Task PushBlobFileAsync_WrongDigest_RegistryRefusesAndKeepsNothing()
    {
        var repo = await RepositoryAsync("wrong-digest");
        var client = new RegistryClient(_http);
        var (path, content, _) = await BlobFileAsync(100 * 1024);
        var (_, otherDigest) = TestBlobs.Random(100 * 1024);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PushBlobFileAsync(repo, path, otherDigest, content.Length, TestTimeout.Token()));

        Assert.Equal("DIGEST_INVALID", error.ErrorCode);
        Assert.False(await client.BlobExistsAsync(repo, otherDigest, TestTimeout.Token()));
        Assert.Equal(0, client.Statistics.BlobsUploaded);
        Assert.Equal(1, _counter.Count(HttpMethod.Delete));
    }

    [RegistryFact]
    public async Task PushBlobFileAsync_SizeDiffersFromFile_RefusedBeforeAnyRequest()
    {
        var repo = await RepositoryAsync("short-file");
        var client = new RegistryClient(_http);
        var (path, content, digest) = await BlobFileAsync(1000);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.PushBlobFileAsync(repo, path, digest, content.Length + 1, TestTimeout.Token()));

        Assert.Contains("1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(_counter.Requests);
    }

    [RegistryFact]
    public async Task PushBlobFileAsync_AboveMonolithicLimit_ChunksStraightFromTheFile()
    {
        var repo = await RepositoryAsync("over-limit");
        var client = new RegistryClient(_http) { ChunkSize = 64 * 1024, MaxMonolithicBytes = 100 * 1024 };
        var (path, content, digest) = await BlobFileAsync((64 * 1024 * 3) + 10);

        await client.PushBlobFileAsync(repo, path, digest, content.Length, TestTimeout.Token());

        Assert.Equal(4, _counter.Count(HttpMethod.Patch));
        Assert.Equal(content.Length, _counter.Requests.Where(r => r.Method == HttpMethod.Patch).Sum(r => r.Length));
        Assert.Equal(0, _counter.Requests.Single(r => r.Method == HttpMethod.Put).Length);
        Assert.Equal(1, client.Statistics.ChunkedUploads);
        Assert.Equal(0, client.Statistics.BytesHashed);
        Assert.Equal(content, await client.GetBlobBytesAsync(repo, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task PushBlobFileAsync_FrontRefusesLargeBodies_FallsBackToChunksAndRemembers()
    {
        var registry = await RegistryServer.Shared ?? throw new InvalidOperationException(RegistryServer.Unavailable);
        await using var proxy = await AuthProxy.StartAsync(registry.BaseUri, Credentials, basic: true, maxBodyBytes: 100 * 1024);
        var client = new RegistryClient(_http, Credentials) { ChunkSize = 64 * 1024 };
        var repo = ImageReference.Parse($"{proxy.Address}/{TestBlobs.UniqueRepository("body-limit")}");
        var (firstPath, first, firstDigest) = await BlobFileAsync(300 * 1024);
        var (secondPath, second, secondDigest) = await BlobFileAsync(300 * 1024);

        await client.PushBlobFileAsync(repo, firstPath, firstDigest, first.Length, TestTimeout.Token());
        await client.PushBlobFileAsync(repo, secondPath, secondDigest, second.Length, TestTimeout.Token());

        // One refused PUT for the first blob only; both went in chunks and are in the registry whole.
        Assert.Equal(1, proxy.RefusedBodies);
        Assert.Equal(1, _counter.Requests.Count(r => r.Method == HttpMethod.Put && r.Length > 0));
        Assert.Equal(first.Length + second.Length, _counter.Requests.Where(r => r.Method == HttpMethod.Patch).Sum(r => r.Length));
        Assert.Equal(2, client.Statistics.ChunkedUploads);
        Assert.Equal(0, client.Statistics.MonolithicUploads);
        Assert.Equal(first, await client.GetBlobBytesAsync(repo, firstDigest, TestTimeout.Token()));
        Assert.Equal(second, await client.GetBlobBytesAsync(repo, secondDigest, TestTimeout.Token()));
    }

    private async Task<(string Path, byte[] Content, string Digest)> BlobFileAsync(int size)
    {
        var (content, digest) = TestBlobs.Random(size);
        var path = _folder.Combine(Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, content, TestTimeout.Token());
        return (path, content, digest);
    }

    private static async Task<ImageReference> RepositoryAsync(string prefix)
    {
        var registry = await RegistryServer.Shared ?? throw new InvalidOperationException(RegistryServer.Unavailable);
        return ImageReference.Parse($"{registry.Address}/{TestBlobs.UniqueRepository(prefix)}");
    }
}
