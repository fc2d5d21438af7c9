using Stratus.Durable.Client;
using Stratus.Durable.History;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class TimerTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CreateTimer_Delay_FiresNoEarlierThanDue(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(Sleep), 1200, cancellation);

        var times = result.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(1200), $"fired after {times[1] - times[0]}");
        var history = await host.Client.GetHistoryAsync(result.InstanceId, cancellation);
        Assert.Single(history.OfType<TimerCreatedEvent>());
        Assert.Single(history.OfType<TimerFiredEvent>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CreateTimer_LongerThanMaxDelay_IsRearmedUntilDue(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();

        // A 400 ms hop stands in for the queue's 7-day limit: a 2 s timer needs several hops.
        await using var host = await DurableHost.StartAsync(storage, configure: o => o.MaxTimerDelay = TimeSpan.FromMilliseconds(400));

        var result = await host.RunAsync(nameof(Sleep), 2000, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var times = result.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(2000), $"fired after {times[1] - times[0]}");
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAt_StaysPendingUntilThen(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(1.5);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions(StartAt: startAt), cancellation);
        var pending = await host.Client.GetInstanceAsync(id, cancellationToken: cancellation);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var history = await host.Client.GetHistoryAsync(id, cancellation);
        Assert.True(history.OfType<OrchestratorStartedEvent>().First().Timestamp >= startAt);
    }
}
