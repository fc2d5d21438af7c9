namespace Stratus.Durable.History;

/// <summary>A client terminated the instance. <see cref="HistoryEvent.Data"/> is the reason.</summary>
public sealed record ExecutionTerminatedEvent : HistoryEvent;
