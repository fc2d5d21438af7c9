namespace Stratus.Storage.Queues;

/// <summary>
/// One storage queue: at-least-once delivery with visibility timeouts and pop receipts. Operations on a queue that does
/// not exist fail with <see cref="ResourceNotFoundException"/> (QueueNotFound).
/// </summary>
public interface IQueueClient
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <returns><c>true</c> if the queue existed.</returns>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues <paramref name="text"/> (at most 64 KiB of UTF-8, XML-safe characters). It becomes visible after
    /// <paramref name="visibilityDelay"/> (this is how durable timers work) and expires after
    /// <paramref name="timeToLive"/> (7 days by default; <see cref="Timeout.InfiniteTimeSpan"/> never expires).
    /// </summary>
    /// <exception cref="MessageTooLargeException">The text is over 64 KiB.</exception>
    Task<QueueMessageReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Dequeues up to <paramref name="maxMessages"/> (1–32) visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxMessages"/> (1–32) visible messages without hiding them or counting a dequeue.</summary>
    Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default);

    /// <exception cref="ResourceNotFoundException">No such message, or the pop receipt is stale (MessageNotFound).</exception>
    Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>Changes a received message's visibility and, optionally, its text. The old pop receipt stops working.</summary>
    Task<QueueMessageReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default);

    /// <summary>The approximate number of messages, visible or not.</summary>
    Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default);
}
