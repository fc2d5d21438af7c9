namespace Stratus.Durable.History;

/// <summary>A durable timer came due.</summary>
public sealed record TimerFiredEvent(int TimerId, DateTimeOffset FireAt) : HistoryEvent;
