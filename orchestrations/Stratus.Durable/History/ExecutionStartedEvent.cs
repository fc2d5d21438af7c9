namespace Stratus.Durable.History;

/// <summary>
/// An execution began. <see cref="HistoryEvent.Data"/> is the input. <see cref="Carried"/> holds the events a
/// <c>ContinueAsNew</c> kept for the new execution; they are delivered right after it starts.
/// </summary>
public sealed record ExecutionStartedEvent(string Name, string ExecutionId, ParentInstance? Parent = null, IReadOnlyList<EventRaisedEvent>? Carried = null) : HistoryEvent;
