namespace Stratus.Durable.History;

/// <summary>A client suspended the instance. <see cref="HistoryEvent.Data"/> is the reason.</summary>
public sealed record ExecutionSuspendedEvent : HistoryEvent;
