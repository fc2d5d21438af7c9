using Stratus.Storage.Queues;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class ObservedQueueClient(IQueueClient inner, ObservedStorageAccount observer) : IQueueClient
{
    public string Name => inner.Name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

    public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => inner.DeleteIfExistsAsync(cancellationToken);

    public async Task<QueueMessageReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.SendAsync(text, visibilityDelay, timeToLive, cancellationToken);
        observer.AfterSend?.Invoke(Name, text);
        return receipt;
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var messages = await inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);
        observer.AfterReceive?.Invoke(Name, messages);
        return messages;
    }

    public Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => inner.PeekAsync(maxMessages, cancellationToken);

    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
        inner.DeleteMessageAsync(messageId, popReceipt, cancellationToken);

    public async Task<QueueMessageReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout, text, cancellationToken);
        observer.AfterUpdate?.Invoke(Name, visibilityTimeout);

        // As an HTTP client: a call cancelled while under way may have been applied, but its answer is dropped.
        cancellationToken.ThrowIfCancellationRequested();
        return receipt;
    }

    public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => inner.GetApproximateCountAsync(cancellationToken);
}
