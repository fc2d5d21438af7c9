using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;

namespace Stratus.Durable.Embedded;

/// <summary>
/// Starts an instance: the dedupe check, the Pending instance row and the start message in one transaction, so two
/// racing creates of the same id cannot both pass the check (the single writer serialises them).
/// </summary>
internal sealed class CreateOrchestrationOperation(DispatchQueues queues, TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    : DurableWriteOperation
{
    private QueuedOrchestrationMessage? _queued;

    public override void Apply(WriteStatements statements)
    {
        var started = (ExecutionStartedEvent)creationMessage.Event;
        var instanceId = creationMessage.OrchestrationInstance.InstanceId;
        var existing = statements.ReadInstanceStatus(instanceId);
        if (existing is { } status && dedupeStatuses.Contains(status))
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with id '{instanceId}' already exists. It is in state {status}.");
        }

        var now = queues.UtcNow;
        statements.UpsertInstance(PendingInstanceState.From(started, now));
        _queued = statements.AppendOrchestrationMessage(creationMessage, now, registerStartedInstance: false);
    }

    public override void OnCommitted() => queues.Deliver(_queued!);
}
