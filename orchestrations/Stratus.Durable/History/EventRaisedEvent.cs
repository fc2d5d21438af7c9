namespace Stratus.Durable.History;

/// <summary>A client raised an external event. <see cref="HistoryEvent.Data"/> is its payload.</summary>
public sealed record EventRaisedEvent(string Name) : HistoryEvent;
