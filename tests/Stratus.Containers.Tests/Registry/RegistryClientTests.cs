using System.Net;
using System.Text;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

public sealed class RegistryClientTests : IDisposable
{
    private readonly RequestCounter _counter = new();
    private readonly HttpClient _http;

    public RegistryClientTests()
    {
        _http = new HttpClient(_counter);
    }

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    [InlineData("127.0.0.2", "http://127.0.0.2/")]
    [InlineData("myregistry.azurecr.io", "https://myregistry.azurecr.io/")]
    [InlineData("10.0.0.5:5000", "https://10.0.0.5:5000/")]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    public void BaseUri_Host_LoopbackIsPlainHttp(string registry, string expected) =>
        Assert.Equal(new Uri(expected), new RegistryClient(_http).BaseUri(registry));

    [Fact]
    public void BaseUri_InsecureRegistry_PlainHttp()
    {
        var client = new RegistryClient(_http) { InsecureRegistries = { "registry.lan:5000" } };

        Assert.Equal(new Uri("http://registry.lan:5000/"), client.BaseUri("registry.lan:5000"));
    }

    [RegistryFact]
    public async Task BlobExistsAsync_BeforeAndAfterPush_FalseThenTrue()
    {
        var repo = await Repository("exists");
        var client = new RegistryClient(_http);
        var (content, digest) = TestBlobs.Random(1000);

        Assert.False(await client.BlobExistsAsync(repo, digest, TestTimeout.Token()));
        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.True(await client.BlobExistsAsync(repo, digest, TestTimeout.Token()));
        Assert.Equal(1, client.Statistics.BlobsUploaded);
        Assert.Equal(1000, client.Statistics.BytesUploaded);
        await using var stream = await client.GetBlobAsync(repo, digest, TestTimeout.Token());
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestTimeout.Token());
        Assert.Equal(content, copy.ToArray());
    }

    [RegistryFact]
    public async Task PushBlobAsync_SmallChunkSize_UploadsInSeveralPatches()
    {
        var repo = await Repository("chunked");
        var client = new RegistryClient(_http) { ChunkSize = 64 * 1024 };
        var (content, digest) = TestBlobs.Random((64 * 1024 * 3) + 123);

        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.Equal(4, _counter.Count(HttpMethod.Patch));
        Assert.Equal(content.Length, _counter.Requests.Where(r => r.Method == HttpMethod.Patch).Sum(r => r.Length));
        Assert.Equal(0, _counter.Requests.Single(r => r.Method == HttpMethod.Put).Length);
        Assert.Equal(content, await client.GetBlobBytesAsync(repo, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task PushBlobAsync_ExactMultipleOfChunkSize_NoEmptyChunk()
    {
        var repo = await Repository("chunked");
        var client = new RegistryClient(_http) { ChunkSize = 4096 };
        var (content, digest) = TestBlobs.Random(4096 * 2);

        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.Equal(2, _counter.Count(HttpMethod.Patch));
        Assert.True(await client.BlobExistsAsync(repo, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task PushBlobAsync_SmallBlob_SinglePut()
    {
        var repo = await Repository("small");
        var client = new RegistryClient(_http);
        var (content, digest) = TestBlobs.Random(10);

        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.Equal(0, _counter.Count(HttpMethod.Patch));
        Assert.Equal(10, _counter.Requests.Single(r => r.Method == HttpMethod.Put).Length);
    }

    [RegistryTheory]
    [InlineData(100)]
    [InlineData(50_000)]
    public async Task PushBlobAsync_DigestMismatch_RefusedAndNotStored(int size)
    {
        var repo = await Repository("mismatch");
        var client = new RegistryClient(_http) { ChunkSize = 16 * 1024 };
        var (content, _) = TestBlobs.Random(size);
        var (_, otherDigest) = TestBlobs.Random(size);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            client.PushBlobAsync(repo, otherDigest, new MemoryStream(content), content.Length, TestTimeout.Token()));

        Assert.Contains(otherDigest, error.Message, StringComparison.Ordinal);
        Assert.False(await client.BlobExistsAsync(repo, otherDigest, TestTimeout.Token()));
        Assert.Equal(0, client.Statistics.BlobsUploaded);
        Assert.Equal(1, _counter.Count(HttpMethod.Delete));
    }

    [RegistryFact]
    public async Task PushBlobAsync_ContentShorterThanSize_Refused()
    {
        var repo = await Repository("short");
        var client = new RegistryClient(_http);
        var (content, digest) = TestBlobs.Random(100);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            client.PushBlobAsync(repo, digest, new MemoryStream(content), 200, TestTimeout.Token()));
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            client.PushBlobAsync(repo, digest, new MemoryStream(content), 50, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task TryMountBlobAsync_BlobInOtherRepository_MountedWithoutUpload()
    {
        var source = await Repository("mount-from");
        var target = await Repository("mount-to");
        var client = new RegistryClient(_http);
        var (content, digest) = TestBlobs.Random(2048);
        await client.PushBlobAsync(source, digest, new MemoryStream(content), content.Length, TestTimeout.Token());
        _counter.Clear();

        var mounted = await client.TryMountBlobAsync(target, digest, source.Repository, TestTimeout.Token());

        Assert.True(mounted);
        Assert.Equal(1, client.Statistics.BlobsMounted);
        Assert.Equal(0, _counter.Count(HttpMethod.Patch) + _counter.Count(HttpMethod.Put));
        Assert.True(await client.BlobExistsAsync(target, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task TryMountBlobAsync_BlobNotInSource_FalseAndUploadCancelled()
    {
        var source = await Repository("mount-from");
        var target = await Repository("mount-to");
        var client = new RegistryClient(_http);
        var (_, digest) = TestBlobs.Random(10);

        var mounted = await client.TryMountBlobAsync(target, digest, source.Repository, TestTimeout.Token());

        Assert.False(mounted);
        Assert.Equal(1, _counter.Count(HttpMethod.Delete));
        Assert.False(await client.BlobExistsAsync(target, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task PutManifestAsync_ThenGet_RoundTripsBytesAndDigest()
    {
        var repo = await Repository("manifest");
        var client = new RegistryClient(_http);
        var manifest = await PushSmallImageAsync(client, repo, "amd64");

        var digest = await client.PutManifestAsync(repo.WithTag("v1"), OciMediaTypes.ImageManifest, manifest, TestTimeout.Token());
        var byTag = await client.GetManifestAsync(repo.WithTag("v1"), TestTimeout.Token());
        var byDigest = await client.GetManifestAsync(repo.WithDigest(digest), TestTimeout.Token());

        Assert.Equal(OciDigest.Sha256(manifest), digest);
        Assert.Equal(manifest, byTag.Content);
        Assert.Equal(digest, byTag.Digest);
        Assert.Equal(OciMediaTypes.ImageManifest, byTag.MediaType);
        Assert.False(byTag.IsIndex);
        Assert.Equal(manifest, byDigest.Content);
        var parsed = byTag.ParseManifest();
        Assert.Equal(OciManifest.Parse(manifest).Config, parsed.Config);
        Assert.Equal(OciManifest.Parse(manifest).Layers.Single(), parsed.Layers.Single());
    }

    [RegistryFact]
    public async Task GetManifestAsync_UnknownTag_RegistryExceptionWithCode()
    {
        var repo = await Repository("missing");
        var client = new RegistryClient(_http);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(repo.WithTag("nope"), TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.NotNull(error.ErrorCode);
        Assert.Contains(error.ErrorCode, error.Message, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task PutManifestAsync_MissingBlob_RegistryExceptionNotHttpException()
    {
        var repo = await Repository("badmanifest");
        var client = new RegistryClient(_http);
        var (_, missing) = TestBlobs.Random(10);
        var manifest = new OciManifest
        {
            MediaType = OciMediaTypes.ImageManifest,
            Config = new OciDescriptor { MediaType = OciMediaTypes.ImageConfig, Digest = missing, Size = 10 },
            Layers = [],
        }.ToJsonBytes();

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PutManifestAsync(repo, OciMediaTypes.ImageManifest, manifest, TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.ErrorCode);
    }

    [Fact]
    public async Task BlobExistsAsync_NothingListening_RegistryExceptionWithoutStatus()
    {
        var client = new RegistryClient(_http);
        var repo = ImageReference.Parse($"127.0.0.1:{FreePort.Next()}/nobody/home");

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.BlobExistsAsync(repo, TestBlobs.Random(1).Digest, TestTimeout.Token()));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    /// <summary>Pushes a config and one layer blob and returns an OCI manifest (not yet pushed) that references them.</summary>
    internal static async Task<byte[]> PushSmallImageAsync(RegistryClient client, ImageReference repo, string architecture)
    {
        var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"{{{architecture}}}","os":"linux","config":{"Env":["A=1"]},"rootfs":{"type":"layers","diff_ids":[]}}""");
        var configDigest = OciDigest.Sha256(config);
        await client.PushBlobAsync(repo, configDigest, new MemoryStream(config), config.Length, TestTimeout.Token());
        var (layer, layerDigest) = TestBlobs.Random(512);
        await client.PushBlobAsync(repo, layerDigest, new MemoryStream(layer), layer.Length, TestTimeout.Token());
        return new OciManifest
        {
            MediaType = OciMediaTypes.ImageManifest,
            Config = new OciDescriptor { MediaType = OciMediaTypes.ImageConfig, Digest = configDigest, Size = config.Length },
            Layers = [new OciDescriptor { MediaType = OciMediaTypes.LayerTarGzip, Digest = layerDigest, Size = layer.Length }],
        }.ToJsonBytes();
    }

    private static async Task<ImageReference> Repository(string prefix)
    {
        var registry = await RegistryServer.Shared ?? throw new InvalidOperationException(RegistryServer.Unavailable);
        return ImageReference.Parse($"{registry.Address}/{TestBlobs.UniqueRepository(prefix)}");
    }
}
