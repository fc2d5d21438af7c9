namespace Stratus.Standalone.Triggers.Queues;

internal enum QueueInvocationOutcome
{
    Succeeded,
    Failed,

    /// <summary>Shutdown cancelled the invocation: not the message's fault, so it does not count towards poison.</summary>
    Cancelled,
}
