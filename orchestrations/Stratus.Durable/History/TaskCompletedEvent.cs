namespace Stratus.Durable.History;

/// <summary>An activity returned. <see cref="HistoryEvent.Data"/> is its result.</summary>
public sealed record TaskCompletedEvent(int TaskScheduledId, string? ExecutionId = null) : HistoryEvent;
