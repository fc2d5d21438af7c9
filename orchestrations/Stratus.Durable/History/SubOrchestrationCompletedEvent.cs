namespace Stratus.Durable.History;

/// <summary>A sub-orchestration completed. <see cref="HistoryEvent.Data"/> is its output.</summary>
public sealed record SubOrchestrationCompletedEvent(int TaskScheduledId, string? ExecutionId = null) : HistoryEvent;
