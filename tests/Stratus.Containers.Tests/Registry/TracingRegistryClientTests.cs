using System.Collections.Concurrent;
using System.Diagnostics;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

public sealed class TracingRegistryClientTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private FlakyRegistry _registry = null!;

    public TracingRegistryClientTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ContainersTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() => _registry = await FlakyRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task GetManifestAsync_Traced_EmitsAClientSpanWithTheImage()
    {
        var client = new TracingRegistryClient(new RegistryClient(_http));

        await client.GetManifestAsync(ImageReference.Parse($"{_registry.Address}/apps/web:v1"), TestTimeout.Token());

        var span = Assert.Single(Mine());
        Assert.Equal("registry.manifest.get", span.OperationName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("apps/web", span.GetTagItem("oci.repository"));
        Assert.Equal("v1", span.GetTagItem("oci.reference"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task PushBlobAsync_RegistryRefuses_SpanIsMarkedAsError()
    {
        var client = new TracingRegistryClient(new RegistryClient(_http));
        var blob = "hello"u8.ToArray();
        var digest = OciDigest.Sha256(blob);

        await Assert.ThrowsAsync<RegistryException>(() =>
            client.PushBlobAsync(ImageReference.Parse($"{_registry.Address}/apps/web"), digest, new MemoryStream(blob), blob.Length, TestTimeout.Token()));

        var span = Assert.Single(Mine());
        Assert.Equal("registry.blob.push", span.OperationName);
        Assert.Equal(digest, span.GetTagItem("oci.reference"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    // Other tests in the run may trace registry calls too; only this test's registry counts.
    private List<Activity> Mine() => [.. _spans.Where(s => Equals(s.GetTagItem("oci.registry"), _registry.Address))];
}
