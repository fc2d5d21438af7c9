using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>An activity work item that remembers its queued message and the lock it was handed out under.</summary>
internal sealed class EmbeddedActivityWorkItem : TaskActivityWorkItem
{
    public required QueuedActivityMessage Queued { get; init; }

    public required long LockToken { get; init; }
}
