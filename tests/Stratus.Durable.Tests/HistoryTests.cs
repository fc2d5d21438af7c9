using DurableTask.Core.History;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class HistoryTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetHistoryAsync_Completed_ListsEveryStepInOrder(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var result = await host.RunAsync(nameof(HelloSequence), null, cancellation);

        var history = await host.Client.GetHistoryAsync(result.InstanceId, cancellation);

        // Episodes are framed by OrchestratorStarted/OrchestratorCompleted; the steps in between are what matter.
        var steps = HistoryEvents.TypesOf(history).Where(t => t is not (EventType.OrchestratorStarted or EventType.OrchestratorCompleted)).ToList();
        Assert.Equal(
            [EventType.ExecutionStarted, .. Enumerable.Repeat<EventType[]>([EventType.TaskScheduled, EventType.TaskCompleted], 5).SelectMany(p => p), EventType.ExecutionCompleted],
            steps);
        var started = history.First(e => HistoryEvents.TypeOf(e) == EventType.ExecutionStarted);
        Assert.Equal(nameof(HelloSequence), started["Name"]?.GetValue<string>());
        var scheduled = history.Where(e => HistoryEvents.TypeOf(e) == EventType.TaskScheduled).ToList();
        Assert.All(scheduled, e => Assert.Equal(nameof(SayHello), e["Name"]?.GetValue<string>()));
        Assert.Equal([0, 1, 2, 3, 4], scheduled.Select(e => e["EventId"]!.GetValue<int>()));
        var completed = history.Where(e => HistoryEvents.TypeOf(e) == EventType.TaskCompleted).ToList();
        Assert.Equal([0, 1, 2, 3, 4], completed.Select(e => e["TaskScheduledId"]!.GetValue<int>()));
        Assert.Equal("\"Hello Tokyo!\"", completed[0]["Result"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetHistoryAsync_Pending_IsEmptyOrOnlyTheStart(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), cancellation);

        var history = await host.Client.GetHistoryAsync(id, cancellation);

        Assert.All(HistoryEvents.TypesOf(history), t => Assert.Equal(EventType.ExecutionStarted, t));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetHistoryAsync_Missing_ThrowsNotFound(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.GetHistoryAsync("ghost", cancellation));
    }
}
