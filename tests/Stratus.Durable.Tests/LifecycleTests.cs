using Stratus.Durable.Client;
using Stratus.Durable.History;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class LifecycleTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task TerminateInstanceAsync_WhileWaiting_TerminatesWithReason(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);
        await ExternalEventTests.WaitForCustomStatusAsync(host, id, "0", cancellation);

        await host.Client.TerminateInstanceAsync(id, "operator said so", cancellation);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator said so", result.ReadOutputAs<string>());
        await Assert.ThrowsAsync<InstanceStateConflictException>(() => host.Client.RaiseEventAsync(id, "ping", "late", cancellation));
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task SuspendInstanceAsync_EventsWhileSuspended_AreHeldUntilResume(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);
        await ExternalEventTests.WaitForCustomStatusAsync(host, id, "0", cancellation);

        await host.Client.SuspendInstanceAsync(id, "maintenance", cancellation);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended, cancellation);
        await host.Client.RaiseEventAsync(id, "ping", "held", cancellation);
        await host.Client.RaiseEventAsync(id, "ping", "held too", cancellation);
        var whileSuspended = await host.Client.GetInstanceAsync(id, cancellationToken: cancellation);
        await host.Client.ResumeInstanceAsync(id, "done", cancellation);
        await ExternalEventTests.WaitForCustomStatusAsync(host, id, "2", cancellation);

        Assert.Equal("0", whileSuspended!.SerializedCustomStatus);
        var running = await host.Client.GetInstanceAsync(id, cancellationToken: cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running!.RuntimeStatus);
        var history = await host.Client.GetHistoryAsync(id, cancellation);
        Assert.Single(history.OfType<ExecutionSuspendedEvent>());
        Assert.Single(history.OfType<ExecutionResumedEvent>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_FloodOfRequests_IsTakenInTurnsAndTheInstanceCarriesOn()
    {
        var cancellation = TestTimeout.Token();
        using var hub = await SharedTaskHub.CreateAsync(StorageKind.Embedded);
        await using var host = await hub.StartHostAsync(o => o.RunWorker = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);

        // With no worker running, everything piles up in the inbox: more than one checkpoint transaction can take.
        for (var i = 0; i < 70; i++)
        {
            await host.Client.SuspendInstanceAsync(id, "flood", cancellation);
            await host.Client.ResumeInstanceAsync(id, "flood", cancellation);
        }

        await host.Client.RaiseEventAsync(id, "ping", "stop", cancellation);
        await using var worker = await hub.StartHostAsync();
        var result = await worker.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal("stopped after 0", result.ReadOutputAs<string>());
        Assert.Equal(70, (await worker.Client.GetHistoryAsync(id, cancellation)).OfType<ExecutionSuspendedEvent>().Count());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task PurgeInstanceAsync_Finished_RemovesEverything(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var big = new string('x', 40_000);
        var done = await host.RunAsync(nameof(EchoTwice), big, cancellation);

        var purged = await host.Client.PurgeInstanceAsync(done.InstanceId, cancellation);

        Assert.True(purged);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId, cancellationToken: cancellation));
        Assert.Empty(await host.Client.GetHistoryAsync(done.InstanceId, cancellation));
        Assert.False(await host.Client.PurgeInstanceAsync(done.InstanceId, cancellation));
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task PurgeInstanceAsync_Running_IsRefused(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);

        var refused = await Assert.ThrowsAsync<InstanceStateConflictException>(() => host.Client.PurgeInstanceAsync(id, cancellation));

        Assert.Contains("Terminate it first", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task PurgeInstancesAsync_CreatedRange_PurgesOnlyFinishedInRange(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var from = DateTimeOffset.UtcNow;
        var finished = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            finished.Add((await host.RunAsync(nameof(HelloSequence), null, cancellation)).InstanceId);
        }

        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);

        var purged = await host.Client.PurgeInstancesAsync(from, DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: cancellation);

        Assert.Equal(3, purged);
        Assert.NotNull(await host.Client.GetInstanceAsync(running, cancellationToken: cancellation));
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfFinishedInstance_StartsFreshExecution(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var first = await host.RunAsync(nameof(FanOutFanIn), 3, cancellation, instanceId: "rerun");

        var second = await host.RunAsync(nameof(FanOutFanIn), 4, cancellation, instanceId: "rerun");

        Assert.Equal(14, first.ReadOutputAs<int>());
        Assert.Equal(30, second.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync("rerun", cancellation);
        Assert.Equal(4, history.OfType<TaskScheduledEvent>().Count());
    }

    private static async Task WaitForStatusAsync(DurableHost host, string id, OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        while ((await host.Client.GetInstanceAsync(id, cancellationToken: cancellationToken))?.RuntimeStatus != status)
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
