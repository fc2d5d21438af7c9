using Stratus.Durable.History;

namespace Stratus.Durable.Tests.Infrastructure;

internal static class HistoryAssert
{
    /// <summary>
    /// Every step the orchestrator took is recorded once, and its result once and after it, however often the episodes
    /// ran: redelivered messages and re-run activities must not show up as a second step or a second completion.
    /// </summary>
    public static void EachStepOnce(string instanceId, IReadOnlyList<HistoryEvent> history)
    {
        var steps = history.Select(StepOf).OfType<int>().ToList();
        var results = history.Select(ResultOf).OfType<int>().ToList();
        var resultBeforeStep = history.Select((e, at) => (Id: ResultOf(e), At: at))
            .Any(r => r.Id is { } id && !history.Take(r.At).Any(e => StepOf(e) == id));
        var problem =
            steps.Count != steps.Distinct().Count() ? "a step id was recorded twice"
            : results.Count != results.Distinct().Count() ? "a step's result was recorded twice"
            : results.Except(steps).Any() ? "a result was recorded for a step that was not"
            : resultBeforeStep ? "a result was recorded before its step"
            : history.OfType<ExecutionStartedEvent>().Count() != 1 ? "it does not start exactly once"
            : history.OfType<ExecutionCompletedEvent>().Count() != 1 ? "it does not complete exactly once"
            : null;
        Assert.True(problem is null, $"History of {instanceId}: {problem}: {Describe(history)}");
    }

    private static int? StepOf(HistoryEvent e) => e switch
    {
        TaskScheduledEvent s => s.EventId,
        TimerCreatedEvent t => t.EventId,
        SubOrchestrationCreatedEvent c => c.EventId,
        _ => null,
    };

    private static int? ResultOf(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskScheduledId,
        TaskFailedEvent f => f.TaskScheduledId,
        TimerFiredEvent t => t.TimerId,
        SubOrchestrationCompletedEvent c => c.TaskScheduledId,
        SubOrchestrationFailedEvent f => f.TaskScheduledId,
        _ => null,
    };

    private static string Describe(IReadOnlyList<HistoryEvent> history) => string.Join(", ", history.Select(DescribeEvent));

    private static string DescribeEvent(HistoryEvent e)
    {
        var name = e.GetType().Name.Replace("Event", "", StringComparison.Ordinal);
        return (StepOf(e) ?? ResultOf(e)) is { } id ? $"{name}({id})" : name;
    }
}
