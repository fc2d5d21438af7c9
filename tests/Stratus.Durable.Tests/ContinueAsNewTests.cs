using Stratus.Durable.History;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ContinueAsNewTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task ContinueAsNew_PreservingEvents_KeepsEarlyEventsAndResetsHistory(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Countdown), 0, cancellationToken: cancellation);

        // All three ticks at once: two arrive while the first execution is still running and must carry over.
        for (var i = 0; i < 3; i++)
        {
            await host.Client.RaiseEventAsync(id, "tick", 1, cancellation);
        }

        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(3, result.ReadInputAs<int>());
        var history = await host.Client.GetHistoryAsync(id, cancellation);
        Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Empty(history.OfType<EventRaisedEvent>());
    }
}
