namespace Stratus.Durable.History;

/// <summary>The orchestrator started a sub-orchestration. <see cref="HistoryEvent.Data"/> is its input.</summary>
public sealed record SubOrchestrationCreatedEvent(int EventId, string Name, string InstanceId) : HistoryEvent;
