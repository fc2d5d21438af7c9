using Stratus.Durable.History;

namespace Stratus.Durable.Replay;

/// <summary>
/// What one episode produced: the steps newly scheduled (to append to history and send), and, if the orchestrator
/// returned, how its execution ended.
/// </summary>
internal sealed record EpisodeOutcome(
    IReadOnlyList<HistoryEvent> NewActions,
    ExecutionCompletedEvent? Completion,
    string? ContinueAsNewInput,
    IReadOnlyList<EventRaisedEvent> CarriedEvents,
    string? CustomStatus);
