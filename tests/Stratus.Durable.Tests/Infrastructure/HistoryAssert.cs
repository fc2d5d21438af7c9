using Stratus.Durable.History;

namespace Stratus.Durable.Tests.Infrastructure;

internal static class HistoryAssert
{
    /// <summary>
    /// Every step the orchestrator took is recorded once and every result is taken once, however often the episodes
    /// ran: redelivered messages and re-run activities must not show up as a second step or a second completion.
    /// </summary>
    public static void EachStepOnce(string instanceId, IReadOnlyList<HistoryEvent> history)
    {
        var steps = history.Select(e => e switch
        {
            TaskScheduledEvent s => s.EventId,
            TimerCreatedEvent t => t.EventId,
            SubOrchestrationCreatedEvent c => c.EventId,
            _ => (int?)null,
        }).OfType<int>().ToList();
        Assert.True(steps.Count == steps.Distinct().Count(), $"{instanceId}: a step id was recorded twice: {string.Join(", ", steps)}.");

        var results = history.Select(e => e switch
        {
            TaskCompletedEvent c => c.TaskScheduledId,
            TaskFailedEvent f => f.TaskScheduledId,
            TimerFiredEvent t => t.TimerId,
            SubOrchestrationCompletedEvent c => c.TaskScheduledId,
            SubOrchestrationFailedEvent f => f.TaskScheduledId,
            _ => (int?)null,
        }).OfType<int>().ToList();
        Assert.True(results.Count == results.Distinct().Count(), $"{instanceId}: a step's result was recorded twice: {string.Join(", ", results)}.");
        Assert.All(results, id => Assert.Contains(id, steps));
        Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }
}
