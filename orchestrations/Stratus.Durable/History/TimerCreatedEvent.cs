namespace Stratus.Durable.History;

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreatedEvent(int EventId, DateTimeOffset FireAt) : HistoryEvent;
