namespace Stratus.Durable.History;

/// <summary>The orchestrator called an activity. <see cref="HistoryEvent.Data"/> is the input.</summary>
public sealed record TaskScheduledEvent(int EventId, string Name) : HistoryEvent;
