using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class PurgeTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task PurgeInstanceAsync_Finished_RemovesStateAndHistory(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var done = await host.RunAsync(nameof(EchoPayload), new string('x', 100_000), cancellation);

        var purged = await host.Client.PurgeInstanceAsync(done.InstanceId, cancellation);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId, cancellation));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.GetHistoryAsync(done.InstanceId, cancellation));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(done.InstanceId, cancellation)).PurgedInstanceCount);

        // The id is free again.
        var again = await host.RunAsync(nameof(HelloSequence), null, cancellation, instanceId: done.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, again.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task PurgeInstanceAsync_Running_ThrowsConflict(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(id, "0", cancellation);

        var refused = await Assert.ThrowsAsync<InstanceStateConflictException>(() => host.Client.PurgeInstanceAsync(id, cancellation));

        Assert.Contains("Terminate it first", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await host.Client.GetInstanceAsync(id, cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task PurgeInstanceAsync_Missing_PurgesNothing(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("ghost", cancellation)).PurgedInstanceCount);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task PurgeAllInstancesAsync_StatusFilter_PurgesOnlyThoseStatuses(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var completed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            completed.Add((await host.RunAsync(nameof(HelloSequence), null, cancellation)).InstanceId);
        }

        var failed = (await host.RunAsync(nameof(FailUnhandled), "no", cancellation)).InstanceId;
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(running, "0", cancellation);

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]), cancellation);

        Assert.Equal(3, purged.PurgedInstanceCount);
        foreach (var id in completed)
        {
            Assert.Null(await host.Client.GetInstanceAsync(id, cancellation));
        }

        Assert.NotNull(await host.Client.GetInstanceAsync(failed, cancellation));

        // Without statuses every finished instance goes; a running one never does.
        Assert.Equal(1, (await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(), cancellation)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(failed, cancellation));
        Assert.NotNull(await host.Client.GetInstanceAsync(running, cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task PurgeAllInstancesAsync_CreatedRange_PurgesOnlyFinishedInstancesCreatedInIt(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var old = await host.RunAsync(nameof(HelloSequence), null, cancellation);
        await Poll.UntilAsync(() => DateTimeOffset.UtcNow > old.CreatedAt.AddMilliseconds(50), "the clock has moved on", cancellation);
        var from = DateTimeOffset.UtcNow;
        var recent = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            recent.Add((await host.RunAsync(nameof(HelloSequence), null, cancellation)).InstanceId);
        }

        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(running, "0", cancellation);

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: from, CreatedTo: DateTimeOffset.UtcNow.AddMinutes(1)), cancellation);

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(old.InstanceId, cancellation));
        Assert.NotNull(await host.Client.GetInstanceAsync(running, cancellation));
        foreach (var id in recent)
        {
            Assert.Null(await host.Client.GetInstanceAsync(id, cancellation));
        }
    }
}
