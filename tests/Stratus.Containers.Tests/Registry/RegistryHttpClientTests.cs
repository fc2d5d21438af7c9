using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

/// <summary>The registry's named client as the host composes it, against a real server that answers 503.</summary>
public sealed class RegistryHttpClientTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private FlakyRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection().AddRegistryHttpClient().BuildServiceProvider();
        _registry = await FlakyRegistry.StartAsync(manifestFailures: 1);
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task GetManifestAsync_TransientServiceUnavailable_IsRetriedAndSucceeds()
    {
        var manifest = await Client().GetManifestAsync(ImageReference.Parse($"{_registry.Address}/apps/web:v1"), TestTimeout.Token());

        Assert.Equal(FlakyRegistry.Manifest, manifest.Content);
        Assert.Equal(2, _registry.Count("GET", "/manifests/"));
    }

    [Fact]
    public async Task PushBlobAsync_SinglePutAnswered503_IsSentOnceAndTheSessionCancelled()
    {
        var blob = "hello"u8.ToArray();
        var repository = ImageReference.Parse($"{_registry.Address}/apps/web");

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            Client().PushBlobAsync(repository, OciDigest.Sha256(blob), new MemoryStream(blob), blob.Length, TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, _registry.Count("POST", "/blobs/uploads/"));
        Assert.Equal(1, _registry.Count("PUT", "/blobs/uploads/"));
        Assert.Equal(1, _registry.Count("DELETE", "/blobs/uploads/"));
    }

    [Fact]
    public async Task PushBlobAsync_ChunkPatchAnswered503_IsSentOnce()
    {
        var blob = "a chunked upload"u8.ToArray();
        var client = Client();
        client.ChunkSize = 4;

        await Assert.ThrowsAsync<RegistryException>(() =>
            client.PushBlobAsync(ImageReference.Parse($"{_registry.Address}/apps/web"), OciDigest.Sha256(blob), new MemoryStream(blob), blob.Length, TestTimeout.Token()));

        Assert.Equal(1, _registry.Count("PATCH", "/blobs/uploads/"));
        Assert.Equal(0, _registry.Count("PUT", "/blobs/uploads/"));
    }

    private RegistryClient Client() => new(_services.GetRequiredService<IHttpClientFactory>().CreateClient(RegistryHttpClient.Name));
}
