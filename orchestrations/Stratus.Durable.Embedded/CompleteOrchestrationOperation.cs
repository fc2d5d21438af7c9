using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>
/// The orchestration checkpoint, one transaction: new history rows (or the whole history of a new execution), the
/// instance row, outbound activities, messages to other instances (children included), timers, and the deletion of
/// the consumed messages. Either all of an episode's effects exist or none do, so they happen exactly once.
/// </summary>
internal sealed class CompleteOrchestrationOperation(
    DispatchQueues queues,
    EmbeddedOrchestrationWorkItem workItem,
    OrchestrationRuntimeState newRuntimeState,
    IList<TaskMessage> activityMessages,
    IList<TaskMessage> orchestratorMessages,
    IList<TaskMessage> timerMessages,
    TaskMessage? continuedAsNewMessage,
    OrchestrationState? orchestrationState) : DurableWriteOperation
{
    private readonly List<QueuedActivityMessage> _queuedActivities = new(activityMessages.Count);
    private readonly List<QueuedOrchestrationMessage> _queuedMessages = new(orchestratorMessages.Count + timerMessages.Count + 1);
    private bool _historyWritten;

    public override void Apply(WriteStatements statements)
    {
        var instanceId = workItem.InstanceId;
        var now = queues.UtcNow;

        // No state means DTFx dropped the messages (e.g. events for an instance that does not exist): consume them only.
        if (orchestrationState is not null && newRuntimeState.ExecutionStartedEvent is not null)
        {
            var executionId = newRuntimeState.OrchestrationInstance!.ExecutionId;
            var replace = workItem.ReplacesStoredHistory
                || !ReferenceEquals(newRuntimeState, workItem.LoadedState)
                || executionId != workItem.LoadedState.OrchestrationInstance?.ExecutionId;
            var first = replace ? 0 : workItem.PersistedEventCount;
            if (replace)
            {
                statements.DeleteHistory(instanceId);
            }

            for (var index = first; index < newRuntimeState.Events.Count; index++)
            {
                statements.InsertHistoryEvent(instanceId, index, executionId, newRuntimeState.Events[index]);
            }

            statements.UpsertInstance(orchestrationState);
            _historyWritten = true;
        }

        foreach (var consumed in workItem.Lock.Messages)
        {
            statements.DeleteOrchestrationMessage(consumed.Sequence);
        }

        foreach (var message in activityMessages)
        {
            _queuedActivities.Add(statements.AppendActivityMessage(message));
        }

        foreach (var message in orchestratorMessages)
        {
            _queuedMessages.Add(statements.AppendOrchestrationMessage(message, now, registerStartedInstance: true));
        }

        foreach (var message in timerMessages)
        {
            _queuedMessages.Add(statements.AppendOrchestrationMessage(message, now, registerStartedInstance: false));
        }

        if (continuedAsNewMessage is not null)
        {
            _queuedMessages.Add(statements.AppendOrchestrationMessage(continuedAsNewMessage, now, registerStartedInstance: false));
        }
    }

    public override void OnCommitted()
    {
        var instanceId = workItem.InstanceId;
        if (_historyWritten)
        {
            // Put the state back before unlocking, so the instance's next episode (possibly immediate) finds it warm.
            // A fresh object resets NewEvents/PastEvents exactly as a reload from SQLite would.
            queues.WarmInstances.Put(instanceId, new OrchestrationRuntimeState(newRuntimeState.Events) { Status = newRuntimeState.Status });
        }

        queues.Sessions.EndCompletion(workItem.Lock.Session, workItem.Lock.LockToken, workItem.Lock.Messages.Count, committed: true);
        foreach (var activity in _queuedActivities)
        {
            queues.Activities.Enqueue(activity);
        }

        foreach (var message in _queuedMessages)
        {
            queues.Deliver(message);
        }

        if (orchestrationState is not null && OrchestrationStatuses.IsTerminal(orchestrationState.OrchestrationStatus))
        {
            queues.Completions.Notify(instanceId);
        }
    }

    public override void OnFailed() =>
        queues.Sessions.EndCompletion(workItem.Lock.Session, workItem.Lock.LockToken, workItem.Lock.Messages.Count, committed: false);
}
