using Azure;
using Stratus.Durable.History;

namespace Stratus.Durable.Storage;

/// <summary>
/// The state of an instance as the sentinel row holds it. The sentinel is the truth; the Instances row is a copy for
/// status reads and queries, rewritten from the sentinel if a crash left it behind.
/// </summary>
internal sealed record InstanceState
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public StoredPayload Input { get; init; } = StoredPayload.None;

    public StoredPayload Output { get; init; } = StoredPayload.None;

    public StoredPayload CustomStatus { get; init; } = StoredPayload.None;

    public FailureDetails? Failure { get; init; }

    public ParentInstance? Parent { get; init; }

    /// <summary>Events in the current execution's history.</summary>
    public int HistoryCount { get; init; }

    /// <summary>Grows by one per checkpoint; tells a stale Instances row from a current one.</summary>
    public long Version { get; init; }

    /// <summary>The ETag of the row this state was read from.</summary>
    public ETag ETag { get; init; }
}
