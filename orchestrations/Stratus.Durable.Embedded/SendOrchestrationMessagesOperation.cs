using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>Client messages to instances (events, terminate, suspend, resume), committed together.</summary>
internal sealed class SendOrchestrationMessagesOperation(DispatchQueues queues, IReadOnlyList<TaskMessage> messages) : DurableWriteOperation
{
    private readonly List<QueuedOrchestrationMessage> _queued = new(messages.Count);

    public override void Apply(WriteStatements statements)
    {
        var now = queues.UtcNow;
        foreach (var message in messages)
        {
            _queued.Add(statements.AppendOrchestrationMessage(message, now, registerStartedInstance: true));
        }
    }

    public override void OnCommitted()
    {
        foreach (var message in _queued)
        {
            queues.Deliver(message);
        }
    }
}
