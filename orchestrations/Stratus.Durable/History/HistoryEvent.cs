using System.Text.Json.Serialization;

namespace Stratus.Durable.History;

/// <summary>
/// One step of an orchestration's history. Every payload (input, result, output, reason, event data) is the JSON in
/// <see cref="Data"/>; a payload too large for a table row or queue message lives in a blob named by <see cref="DataBlob"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(SubOrchestrationCreatedEvent), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompletedEvent), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailedEvent), "SubOrchestrationFailed")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
public abstract record HistoryEvent
{
    public DateTimeOffset Timestamp { get; init; }

    public string? Data { get; init; }

    public string? DataBlob { get; init; }
}
