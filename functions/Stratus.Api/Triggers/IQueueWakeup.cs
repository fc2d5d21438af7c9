namespace Stratus.Api.Triggers;

/// <summary>
/// Wakes this process's listeners on a queue at once, instead of at their next poll. Producers in the same process call
/// <see cref="Notify"/> after enqueueing a message that is visible now. Without listeners (for example when the Functions
/// host does the polling) it does nothing, so producers may always call it.
/// </summary>
public interface IQueueWakeup
{
    void Notify(string queueName);
}
