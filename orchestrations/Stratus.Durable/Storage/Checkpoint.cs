using Stratus.Durable.History;

namespace Stratus.Durable.Storage;

/// <summary>
/// One atomic write to an instance's History partition: append <see cref="NewEvents"/> after the current history,
/// delete the consumed inbox rows, add rows to its own inbox, and replace the sentinel if its ETag still matches.
/// </summary>
internal sealed record Checkpoint(
    InstanceState? Previous,
    InstanceState Next,
    bool ResetHistory,
    IReadOnlyList<HistoryEvent> NewEvents,
    IReadOnlyList<InboxRow> Consumed,
    IReadOnlyList<HistoryEvent> SelfInbox);
