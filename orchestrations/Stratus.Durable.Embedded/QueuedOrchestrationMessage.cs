using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>A message for an orchestration instance that is committed in SQLite and mirrored in memory.</summary>
/// <param name="Sequence">Row key in <c>orchestration_messages</c>; deleting it is how a work item consumes it.</param>
/// <param name="VisibleAtTicks">UTC ticks before which the message is held back (durable timers, scheduled starts); 0 = now.</param>
internal sealed record QueuedOrchestrationMessage(long Sequence, string InstanceId, long VisibleAtTicks, TaskMessage Message);
