namespace Stratus.Durable.History;

/// <summary>An activity threw.</summary>
public sealed record TaskFailedEvent(int TaskScheduledId, FailureDetails Failure, string? ExecutionId = null) : HistoryEvent;
