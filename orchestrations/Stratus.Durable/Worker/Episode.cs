using Stratus.Durable.History;
using Stratus.Durable.Storage;

namespace Stratus.Durable.Worker;

/// <summary>The working set of one episode: what it consumes from the inbox, and what it will record and send.</summary>
internal sealed class Episode(string instanceId, InstanceState? previous, DateTimeOffset now)
{
    private readonly HashSet<string> _consumedKeys = new(StringComparer.Ordinal);

    public string InstanceId { get; } = instanceId;

    /// <summary>The sentinel as loaded; the checkpoint replaces it only if it is still current.</summary>
    public InstanceState? Previous { get; } = previous;

    public DateTimeOffset Now { get; } = now;

    public List<InboxRow> Consumed { get; } = [];

    /// <summary>Inbox events to feed the executor, in order.</summary>
    public List<HistoryEvent> NewEvents { get; } = [];

    /// <summary>Suspend and resume requests taken this episode, recorded in history.</summary>
    public List<HistoryEvent> Lifecycle { get; } = [];

    public HistoryEvent? Terminated { get; set; }

    /// <summary>Rows for the instance's own inbox, written inside the checkpoint (the next execution of a ContinueAsNew).</summary>
    public List<HistoryEvent> SelfInbox { get; } = [];

    /// <summary>Whether a message was put in the instance's own inbox outside the checkpoint (a rejected sub-orchestration).</summary>
    public bool SelfDelivered { get; set; }

    public IReadOnlyList<HistoryEvent> Append { get; set; } = [];

    public bool IsNewExecution { get; private set; }

    /// <summary>Why the new execution cannot run (its orchestrator is unknown); it fails at once.</summary>
    public FailureDetails? StartFailure { get; set; }

    public void BeginExecution() => IsNewExecution = true;

    public void Consume(IEnumerable<InboxRow> rows)
    {
        foreach (var row in rows)
        {
            if (_consumedKeys.Add(row.RowKey))
            {
                Consumed.Add(row);
            }
        }
    }

    public bool IsConsumed(InboxRow row) => _consumedKeys.Contains(row.RowKey);
}
