using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>A scheduled activity committed in SQLite and mirrored in memory; lock fields are guarded by <see cref="ActivityWorkQueue"/>.</summary>
internal sealed class QueuedActivityMessage(long sequence, TaskMessage message)
{
    public long Sequence { get; } = sequence;

    public TaskMessage Message { get; } = message;

    public bool IsLocked { get; set; }

    /// <summary>Bumped on every hand-out, so a completion from a lock that expired and was handed out again is refused.</summary>
    public long LockToken { get; set; }

    public DateTime LockedUntilUtc { get; set; }

    public bool CompletionInFlight { get; set; }
}
