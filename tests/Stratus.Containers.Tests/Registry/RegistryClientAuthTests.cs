using System.Net;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Containers.Tests.Registry;

/// <summary>Auth against a private real registry behind <see cref="AuthProxy"/> (a real token service and challenge).</summary>
public sealed class RegistryClientAuthTests : IAsyncLifetime
{
    private static readonly RegistryCredentials Good = new("deployer", "s3cret");
    private readonly HttpClient _http = new();
    private RegistryServer? _registry;

    public async Task InitializeAsync()
    {
        if (RegistryServer.Unavailable is null)
        {
            _registry = await RegistryServer.StartAsync();
        }
    }

    public Task DisposeAsync()
    {
        _registry?.Dispose();
        _http.Dispose();
        return Task.CompletedTask;
    }

    [RegistryTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PushBlobAsync_BearerChallengeAndRelativeLocations_FetchesTokenAndPushes(bool accessTokenField)
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good, accessTokenField: accessTokenField);
        var client = new RegistryClient(_http, Good) { ChunkSize = 4096 };
        var repo = ImageReference.Parse($"{proxy.Address}/private/app");
        var (content, digest) = TestBlobs.Random(4096 * 3);

        Assert.False(await client.BlobExistsAsync(repo, digest, TestTimeout.Token()));
        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());
        var manifest = await RegistryClientTests.PushSmallImageAsync(client, repo, "amd64");
        var manifestDigest = await client.PutManifestAsync(repo, OciMediaTypes.ImageManifest, manifest, TestTimeout.Token());

        // One token per scope (pull, then pull+push), each fetched once and reused for every later request.
        Assert.Equal(2, client.TokensFetched);
        Assert.Equal(2, proxy.TokensIssued);
        Assert.Equal(2, proxy.Challenges);
        Assert.True(await client.BlobExistsAsync(repo, digest, TestTimeout.Token()));
        var direct = new RegistryClient(_http);
        var directRepo = ImageReference.Parse($"{_registry.Address}/private/app");
        Assert.True(await direct.BlobExistsAsync(directRepo, digest, TestTimeout.Token()));
        Assert.Equal(manifestDigest, (await direct.GetManifestAsync(directRepo, TestTimeout.Token())).Digest);
    }

    [RegistryFact]
    public async Task BlobExistsAsync_WrongCredentials_RegistryException401()
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good);
        var client = new RegistryClient(_http, Good with { Password = "wrong" });
        var repo = ImageReference.Parse($"{proxy.Address}/private/app");

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.BlobExistsAsync(repo, TestBlobs.Random(1).Digest, TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("UNAUTHORIZED", error.ErrorCode);
        Assert.Contains("deployer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task PushBlobAsync_NoCredentials_RegistryException401()
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good);
        var client = new RegistryClient(_http);
        var repo = ImageReference.Parse($"{proxy.Address}/private/app");
        var (content, digest) = TestBlobs.Random(10);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PushBlobAsync(repo, digest, new MemoryStream(content), 10, TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [RegistryFact]
    public async Task BlobExistsAsync_TokenExpired_RenewedWithoutNewChallenge()
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good, expiresIn: 60);
        var time = new FakeTimeProvider();
        var client = new RegistryClient(_http, Good, timeProvider: time);
        var repo = ImageReference.Parse($"{proxy.Address}/private/app");
        var digest = TestBlobs.Random(1).Digest;

        await client.BlobExistsAsync(repo, digest, TestTimeout.Token());
        time.Advance(TimeSpan.FromSeconds(30));
        await client.BlobExistsAsync(repo, digest, TestTimeout.Token());
        Assert.Equal(1, client.TokensFetched);
        time.Advance(TimeSpan.FromSeconds(31));
        await client.BlobExistsAsync(repo, digest, TestTimeout.Token());

        Assert.Equal(2, client.TokensFetched);
        Assert.Equal(1, proxy.Challenges);
    }

    [RegistryFact]
    public async Task TryMountBlobAsync_BehindTokenAuth_AsksForBothScopes()
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good);
        var client = new RegistryClient(_http, Good);
        var source = ImageReference.Parse($"{proxy.Address}/private/base");
        var target = ImageReference.Parse($"{proxy.Address}/private/app2");
        var (content, digest) = TestBlobs.Random(100);
        await client.PushBlobAsync(source, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.True(await client.TryMountBlobAsync(target, digest, source.Repository, TestTimeout.Token()));
        Assert.True(await client.BlobExistsAsync(target, digest, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task GetManifestAsync_TokenSource_UsedInsteadOfTokenService()
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good);
        var source = new ProxyTokenSource(proxy);
        var client = new RegistryClient(_http, tokenSource: source);
        var repo = ImageReference.Parse($"{proxy.Address}/private/app");

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(repo.WithTag("none"), TestTimeout.Token()));

        // Authorised (the token source's token was accepted), so the registry itself answered: no such manifest.
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        var request = Assert.Single(source.Requests);
        Assert.Equal("stratus-test-registry", request.Service);
        Assert.Equal(["repository:private/app:pull"], request.Scopes);
        Assert.Equal(new Uri($"http://{proxy.Address}/token"), request.Realm);
    }

    [RegistryFact]
    public async Task BlobExistsAsync_BasicChallenge_RetriesWithBasicCredentials()
    {
        await using var proxy = await AuthProxy.StartAsync(_registry!.BaseUri, Good, basic: true);
        var client = new RegistryClient(_http, Good);
        var repo = ImageReference.Parse($"{proxy.Address}/private/app");
        var (content, digest) = TestBlobs.Random(100);

        await client.PushBlobAsync(repo, digest, new MemoryStream(content), content.Length, TestTimeout.Token());

        Assert.True(await client.BlobExistsAsync(repo, digest, TestTimeout.Token()));
        Assert.Equal(1, proxy.Challenges);
        var wrong = new RegistryClient(_http, Good with { Password = "nope" });
        var error = await Assert.ThrowsAsync<RegistryException>(() => wrong.BlobExistsAsync(repo, digest, TestTimeout.Token()));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    private sealed class ProxyTokenSource(AuthProxy proxy) : IRegistryTokenSource
    {
        public List<RegistryTokenRequest> Requests { get; } = [];

        public Task<RegistryToken?> GetTokenAsync(RegistryTokenRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult<RegistryToken?>(new RegistryToken(proxy.IssueToken(request.Scopes), DateTimeOffset.MaxValue));
        }
    }
}
