namespace Stratus.Durable.History;

/// <summary>A new episode began; its timestamp is the orchestrator's current time.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent;
