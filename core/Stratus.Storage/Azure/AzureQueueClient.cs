using Azure;
using Azure.Storage.Queues;
using Stratus.Storage.Queues;
using QueueMessage = Stratus.Storage.Queues.QueueMessage;

namespace Stratus.Storage.Azure;

/// <summary>
/// One storage queue over the SDK's <see cref="QueueClient"/>. Message text goes over the wire as given (XML-escaped,
/// not Base64): encoding for the Functions queue trigger is the caller's business.
/// </summary>
internal sealed class AzureQueueClient(QueueClient queue) : IQueueClient
{
    private const string CreateHint = "Create the queue with CreateIfNotExistsAsync first.";

    // The service's "never expires" (messagettl=-1) expiration time.
    private const int NeverExpiresYear = 9999;

    public string Name => queue.Name;

    private string QueueSubject => $"Queue '{Name}'";

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // The SDK takes 204 ("exists with this metadata") and 409 QueueAlreadyExists ("other metadata") as success.
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, QueueSubject);
        }
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await queue.DeleteIfExistsAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, QueueSubject);
        }
    }

    public async Task<QueueMessageReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateText(text);
        QueueMessageValidator.ValidateSend(visibilityDelay, timeToLive);
        var delaySeconds = visibilityDelay is { } delay ? WholeSeconds(delay) : (long?)null;
        var ttlSeconds = timeToLive is { } ttl ? WholeSeconds(ttl) : (long?)null;

        // Both round up to whole seconds (the SDK would truncate), which can make a valid 1.2 s delay and 1.5 s lifetime
        // equal; the service wants the lifetime strictly longer, and a second more of it is harmless.
        if (ttlSeconds is > 0 && delaySeconds is { } d && ttlSeconds <= d)
        {
            ttlSeconds = d + 1;
        }

        try
        {
            var receipt = (await queue.SendMessageAsync(
                text,
                delaySeconds is { } ds ? TimeSpan.FromSeconds(ds) : null,
                ttlSeconds is { } ts ? TimeSpan.FromSeconds(ts) : null,
                cancellationToken)).Value;
            return new QueueMessageReceipt(receipt.MessageId, receipt.PopReceipt, receipt.TimeNextVisible);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, QueueSubject);
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateBatch(maxMessages);
        QueueMessageValidator.ValidateReceiveVisibility(visibilityTimeout);
        try
        {
            var messages = (await queue.ReceiveMessagesAsync(maxMessages, TimeSpan.FromSeconds(WholeSeconds(visibilityTimeout)), cancellationToken)).Value;
            return messages.Select(m => new QueueMessage(
                m.MessageId,
                m.PopReceipt,
                m.Body?.ToString() ?? string.Empty,
                m.DequeueCount,
                m.InsertedOn ?? default,
                Expiration(m.ExpiresOn),
                m.NextVisibleOn ?? default)).ToList();
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, QueueSubject);
        }
    }

    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateBatch(maxMessages);
        try
        {
            var messages = (await queue.PeekMessagesAsync(maxMessages, cancellationToken)).Value;
            return messages.Select(m => new PeekedQueueMessage(
                m.MessageId,
                m.Body?.ToString() ?? string.Empty,
                m.DequeueCount,
                m.InsertedOn ?? default,
                Expiration(m.ExpiresOn))).ToList();
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, QueueSubject);
        }
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, MessageSubject(messageId));
        }
    }

    public async Task<QueueMessageReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        QueueMessageValidator.ValidateVisibility(visibilityTimeout);
        if (text is not null)
        {
            QueueMessageValidator.ValidateText(text);
        }

        try
        {
            var receipt = (await queue.UpdateMessageAsync(messageId, popReceipt, text, TimeSpan.FromSeconds(WholeSeconds(visibilityTimeout)), cancellationToken)).Value;
            return new QueueMessageReceipt(messageId, receipt.PopReceipt, receipt.NextVisibleOn);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, MessageSubject(messageId));
        }
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, QueueSubject);
        }
    }

    /// <summary>
    /// Whole seconds, rounded up so that a message is never visible earlier or gone sooner than asked;
    /// <see cref="Timeout.InfiniteTimeSpan"/> is the service's -1 ("never expires").
    /// </summary>
    private static long WholeSeconds(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? -1 : (long)Math.Ceiling(value.TotalSeconds);

    private static DateTimeOffset? Expiration(DateTimeOffset? expires) => expires is { Year: < NeverExpiresYear } ? expires : null;

    /// <summary>
    /// The port promises <see cref="ResourceNotFoundException"/> for a stale pop receipt, as Azure answers when the
    /// message was received again (404 MessageNotFound). Some servers (Azurite) answer 400 PopReceiptMismatch instead;
    /// to a caller both mean "this receipt no longer controls the message".
    /// </summary>
    private static StorageException Failure(RequestFailedException ex, string subject)
    {
        var hint = ex.ErrorCode switch
        {
            "QueueNotFound" => CreateHint,
            "MessageNotFound" or "PopReceiptMismatch" =>
                "The message was deleted, expired, or received again since this pop receipt was issued (each receive or update issues a new one).",
            _ => null,
        };
        var exception = AzureStorageErrors.ToException(ex, subject, hint);
        return ex.ErrorCode == "PopReceiptMismatch" ? new ResourceNotFoundException("MessageNotFound", exception.Message, exception) : exception;
    }

    private string MessageSubject(string messageId) => $"Message '{messageId}' in queue '{Name}'";
}
