namespace Stratus.Durable.Embedded;

/// <summary>Where the embedded durable backend keeps its state and how much work it hands out at once.</summary>
internal sealed class EmbeddedOrchestrationServiceSettings
{
    /// <summary>The SQLite file, e.g. <c>&lt;data&gt;/durable.db</c>; a <c>.lock</c> file next to it marks the owning process.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Orchestration episodes the TaskHubWorker may run at the same time.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 100;

    /// <summary>Activities the TaskHubWorker may run at the same time.</summary>
    public int MaxConcurrentActivities { get; init; } = 100;

    /// <summary>How long a handed-out work item stays locked without a renewal before it is handed out again.</summary>
    public TimeSpan WorkItemLockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many instances keep their runtime state in memory so the next episode skips reading history.</summary>
    public int WarmInstanceCapacity { get; init; } = 10_000;
}
