using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>
/// Finishes an activity in one transaction: its message is deleted and its result is queued for the orchestration.
/// If the process dies before this commits, the activity runs again after restart (at least once).
/// </summary>
internal sealed class CompleteActivityOperation(DispatchQueues queues, QueuedActivityMessage activity, TaskMessage responseMessage)
    : DurableWriteOperation
{
    private QueuedOrchestrationMessage? _response;

    public override void Apply(WriteStatements statements)
    {
        // A row already gone means this activity's result was committed before; queuing it again would duplicate it.
        _response = statements.DeleteActivityMessage(activity.Sequence)
            ? statements.AppendOrchestrationMessage(responseMessage, queues.UtcNow, registerStartedInstance: false)
            : null;
    }

    public override void OnCommitted()
    {
        queues.Activities.EndCompletion(activity, committed: true);
        if (_response is not null)
        {
            queues.Deliver(_response);
        }
    }

    public override void OnFailed() => queues.Activities.EndCompletion(activity, committed: false);
}
