namespace Stratus.Durable.Embedded;

/// <summary>
/// The in-memory session of one orchestration instance: its deliverable messages in arrival order and whether a work
/// item holds it. All fields are guarded by <see cref="OrchestrationSessionTable"/>'s lock.
/// </summary>
internal sealed class InstanceSession(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    /// <summary>Deliverable messages, oldest first. A work item takes a prefix; messages arriving meanwhile wait behind it.</summary>
    public List<QueuedOrchestrationMessage> Pending { get; } = [];

    public bool IsLocked { get; set; }

    public long LockToken { get; set; }

    public DateTime LockedUntilUtc { get; set; }

    /// <summary>Set while the writer commits this session's completion, so the lock sweeper does not expire it under the commit.</summary>
    public bool CompletionInFlight { get; set; }

    /// <summary>Set while a purge of this instance is being committed; the session is not handed out meanwhile.</summary>
    public bool IsPurging { get; set; }

    /// <summary>True while the session sits in the ready channel, so it is queued at most once.</summary>
    public bool IsQueuedReady { get; set; }

    /// <summary>Set when the session left the table; a stale copy read from the ready channel is then ignored.</summary>
    public bool IsDetached { get; set; }
}
