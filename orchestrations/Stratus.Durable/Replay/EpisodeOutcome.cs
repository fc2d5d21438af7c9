using Stratus.Durable.History;

namespace Stratus.Durable.Replay;

/// <summary>
/// What one episode produced. <see cref="Recorded"/> is what to append to history: each accepted new event followed
/// by the steps the code scheduled in response, in that order, so a replay meets every step before its result (a
/// result may arrive in the same episode as its step when a crash lost the checkpoint that recorded the step).
/// <see cref="NewActions"/> are those steps alone, to send; <see cref="Completion"/> says how the execution ended.
/// </summary>
internal sealed record EpisodeOutcome(
    IReadOnlyList<HistoryEvent> Recorded,
    IReadOnlyList<HistoryEvent> NewActions,
    ExecutionCompletedEvent? Completion,
    string? ContinueAsNewInput,
    IReadOnlyList<EventRaisedEvent> CarriedEvents,
    string? CustomStatus);
