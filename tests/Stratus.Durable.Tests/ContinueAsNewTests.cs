using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ContinueAsNewTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ContinueAsNew_PreservingEvents_KeepsEarlyEventsAndStartsFreshHistory(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Countdown), 0, cancellation);

        // All three ticks at once: the later ones arrive while an earlier execution runs and must carry over.
        for (var i = 0; i < 3; i++)
        {
            await host.Client.RaiseEventAsync(id, "tick", 1, cancellation);
        }

        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(3, result.ReadInputAs<int>());
        var history = await host.Client.GetHistoryAsync(id, cancellation);
        Assert.Equal(1, HistoryEvents.Count(history, EventType.ExecutionStarted));
        Assert.Equal(0, HistoryEvents.Count(history, EventType.EventRaised));
    }
}
