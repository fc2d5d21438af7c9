using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class TimerTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CreateTimer_Delay_FiresNoEarlierThanDueInOrchestrationTime(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(Sleep), 1500, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var times = result.ReadOutputAs<DateTime[]>()!;
        var due = TimeSpan.FromMilliseconds(1500) - TestBackends.TimerPrecision(backend);
        Assert.True(times[1] - times[0] >= due, $"the timer fired after {times[1] - times[0]} of orchestration time");
        var history = await host.Client.GetHistoryAsync(result.InstanceId, cancellation);
        var created = Assert.Single(history, e => HistoryEvents.TypeOf(e) == EventType.TimerCreated);
        var fired = Assert.Single(history, e => HistoryEvents.TypeOf(e) == EventType.TimerFired);
        Assert.Equal(created["EventId"]!.GetValue<int>(), fired["TimerId"]!.GetValue<int>());
        Assert.Equal(times[0].AddMilliseconds(1500), created["FireAt"]!.GetValue<DateTime>());
    }
}
