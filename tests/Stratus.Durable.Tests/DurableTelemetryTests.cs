using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class DurableTelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public DurableTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DurableTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task ActivityExecution_EachCall_EmitsASpanWithInstanceIdAndActivityName()
    {
        await using var host = await DurableHost.StartAsync(DurableBackend.Embedded);
        var instanceId = "telemetry-" + Guid.NewGuid().ToString("N");

        var result = await host.RunAsync(nameof(HelloSequence), null, TestTimeout.Token(), instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var spans = Of(instanceId);
        Assert.Equal(5, spans.Count);
        Assert.All(spans, s =>
        {
            Assert.Equal(nameof(SayHello), s.GetTagItem(DurableTelemetry.ActivityNameTag));
            Assert.Equal("activity " + nameof(SayHello), s.OperationName);
            Assert.Equal(ActivityStatusCode.Unset, s.Status);
        });
    }

    [Fact]
    public async Task ActivityExecution_ActivityThrows_SpanIsMarkedAsError()
    {
        await using var host = await DurableHost.StartAsync(DurableBackend.Embedded);
        var instanceId = "telemetry-" + Guid.NewGuid().ToString("N");

        await host.RunAsync(nameof(CatchFailure), "disk full", TestTimeout.Token(), instanceId);

        var span = Assert.Single(Of(instanceId));
        Assert.Equal(nameof(Fail), span.GetTagItem(DurableTelemetry.ActivityNameTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("disk full", span.StatusDescription);
    }

    // Other tests in the run execute activities too; only this test's instance counts.
    private List<Activity> Of(string instanceId) => [.. _spans.Where(s => Equals(s.GetTagItem(DurableTelemetry.InstanceIdTag), instanceId))];
}
