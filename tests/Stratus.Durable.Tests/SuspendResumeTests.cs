using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class SuspendResumeTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task SuspendInstanceAsync_EventRaisedWhileSuspended_IsProcessedOnlyAfterResume(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(id, "0", cancellation);

        await host.Client.SuspendInstanceAsync(id, "maintenance", cancellation);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended, cancellation);
        await host.Client.RaiseEventAsync(id, "ping", "held", cancellation);

        // The event has reached the instance (it is in its history) but the orchestrator has not seen it.
        await Poll.UntilAsync(
            async () => HistoryEvents.Count(await host.Client.GetHistoryAsync(id, cancellation), EventType.EventRaised) == 1,
            "the event is in the history",
            cancellation);
        var suspended = await host.Client.GetInstanceAsync(id, cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended?.RuntimeStatus);
        Assert.Equal("0", suspended?.SerializedCustomStatus);

        await host.Client.ResumeInstanceAsync(id, "done", cancellation);
        var resumed = await host.WaitForCustomStatusAsync(id, "1", cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Running, resumed.RuntimeStatus);
        await host.Client.RaiseEventAsync(id, "ping", "stop", cancellation);
        Assert.Equal("stopped after 1", (await host.WaitUntilFinishedAsync(id, cancellation)).ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task SuspendInstanceAsync_Missing_ThrowsNotFound(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.SuspendInstanceAsync("ghost", "why", cancellation));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.ResumeInstanceAsync("ghost", "why", cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task SuspendInstanceAsync_Finished_ThrowsConflict(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var done = await host.RunAsync(nameof(HelloSequence), null, cancellation);

        await Assert.ThrowsAsync<InstanceStateConflictException>(() => host.Client.SuspendInstanceAsync(done.InstanceId, "late", cancellation));
        await Assert.ThrowsAsync<InstanceStateConflictException>(() => host.Client.ResumeInstanceAsync(done.InstanceId, "late", cancellation));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(done.InstanceId, cancellation))?.RuntimeStatus);
    }
}
