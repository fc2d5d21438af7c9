namespace Stratus.Durable.History;

/// <summary>A sub-orchestration failed or was terminated.</summary>
public sealed record SubOrchestrationFailedEvent(int TaskScheduledId, FailureDetails Failure, string? ExecutionId = null) : HistoryEvent;
