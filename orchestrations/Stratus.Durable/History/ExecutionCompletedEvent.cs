namespace Stratus.Durable.History;

/// <summary>The execution ended: completed, failed or continued as new. <see cref="HistoryEvent.Data"/> is the output.</summary>
public sealed record ExecutionCompletedEvent(OrchestrationRuntimeStatus Status, FailureDetails? Failure = null) : HistoryEvent;
