using Stratus.Storage.Queues;

namespace Stratus.Api.Triggers;

public static class QueueTriggerProducerExtensions
{
    /// <summary>
    /// Enqueues <paramref name="text"/> for a queue function: Base64-encoded as the trigger reads it and, when it is
    /// visible at once, with this process's listeners on the queue woken instead of waiting for their next poll.
    /// </summary>
    public static async Task<QueueMessageReceipt> SendToFunctionAsync(
        this IQueueClient queue,
        string text,
        IQueueWakeup? wakeup,
        TimeSpan? visibilityDelay = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var receipt = await queue.SendAsync(FunctionsQueueMessageEncoding.Encode(text), visibilityDelay, timeToLive, cancellationToken);
        if (wakeup is not null && (visibilityDelay ?? TimeSpan.Zero) <= TimeSpan.Zero)
        {
            wakeup.Notify(queue.Name);
        }

        return receipt;
    }
}
