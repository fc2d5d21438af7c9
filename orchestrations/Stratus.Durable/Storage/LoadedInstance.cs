using Azure;
using Stratus.Durable.History;

namespace Stratus.Durable.Storage;

/// <summary>
/// One read of an instance's History partition: the sentinel's state (null for an instance never run), the current
/// execution's events, the inbox, and rows left over from earlier executions.
/// </summary>
internal sealed record LoadedInstance(
    InstanceState? State,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<InboxRow> Inbox,
    IReadOnlyList<(string RowKey, ETag ETag)> StaleRows);
