namespace Stratus.Durable.History;

/// <summary>A client resumed the instance. <see cref="HistoryEvent.Data"/> is the reason.</summary>
public sealed record ExecutionResumedEvent : HistoryEvent;
