using System.Globalization;
using Azure;
using Azure.Core;
using Stratus.Storage.Queues;

namespace Stratus.Storage.AzureRest;

/// <summary>
/// One storage queue over the Queue REST API. Message text goes over the wire as given (XML-escaped, not Base64):
/// encoding for the Functions queue trigger is the caller's business.
/// </summary>
internal sealed class AzureQueueClient(AzureStorageTransport transport, string name) : IQueueClient
{
    private const string CreateHint = "Create the queue with CreateIfNotExistsAsync first.";

    public string Name { get; } = name;

    private string QueueSubject => $"Queue '{Name}'";

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = transport.CreateMessage(RequestMethod.Put, Name);
        var response = await transport.SendAsync(message, cancellationToken);

        // 204 is the service's "it already exists with this metadata"; 409 means it exists with other metadata.
        if (response.Status is 201 or 204 || (response.Status == 409 && ErrorCode(response) == "QueueAlreadyExists"))
        {
            return;
        }

        throw AzureStorageTransport.ToException(response, QueueSubject);
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = transport.CreateMessage(RequestMethod.Delete, Name);
        var response = await transport.SendAsync(message, cancellationToken);
        return response.Status switch
        {
            204 or 200 => true,
            404 => false,
            _ => throw AzureStorageTransport.ToException(response, QueueSubject),
        };
    }

    public async Task<QueueMessageReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateText(text);
        QueueMessageValidator.ValidateSend(visibilityDelay, timeToLive);
        var delaySeconds = visibilityDelay is { } delay ? AzureQueueProtocol.WholeSeconds(delay) : (long?)null;
        var ttlSeconds = timeToLive is { } ttl ? AzureQueueProtocol.WholeSeconds(ttl) : (long?)null;

        // Both round up to whole seconds, which can make a valid 1.2 s delay and 1.5 s lifetime equal; the service
        // wants the lifetime strictly longer, and a second more of it is harmless.
        if (ttlSeconds is > 0 && delaySeconds is { } d && ttlSeconds <= d)
        {
            ttlSeconds = d + 1;
        }

        var query = AzureStorageTransport.Query(
            ("visibilitytimeout", delaySeconds?.ToString(CultureInfo.InvariantCulture)),
            ("messagettl", ttlSeconds?.ToString(CultureInfo.InvariantCulture)));
        using var message = CreateMessagesMessage(RequestMethod.Post, null, query);
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(AzureQueueProtocol.MessageXml(text));
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 201)
        {
            throw ToException(response, QueueSubject);
        }

        var messages = await AzureQueueProtocol.ReadMessagesAsync(response.ContentStream, cancellationToken);
        return messages.Count > 0
            ? AzureQueueProtocol.ToReceipt(messages[0])
            : throw new StorageException(response.Status, "InvalidResponse", $"{QueueSubject}: the service accepted the message but did not describe it.");
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateBatch(maxMessages);
        QueueMessageValidator.ValidateReceiveVisibility(visibilityTimeout);
        var query = AzureStorageTransport.Query(
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", AzureQueueProtocol.WholeSeconds(visibilityTimeout).ToString(CultureInfo.InvariantCulture)));
        using var message = CreateMessagesMessage(RequestMethod.Get, null, query);
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw ToException(response, QueueSubject);
        }

        var messages = await AzureQueueProtocol.ReadMessagesAsync(response.ContentStream, cancellationToken);
        return messages.Select(AzureQueueProtocol.ToMessage).ToList();
    }

    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateBatch(maxMessages);
        var query = AzureStorageTransport.Query(("peekonly", "true"), ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)));
        using var message = CreateMessagesMessage(RequestMethod.Get, null, query);
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw ToException(response, QueueSubject);
        }

        var messages = await AzureQueueProtocol.ReadMessagesAsync(response.ContentStream, cancellationToken);
        return messages.Select(AzureQueueProtocol.ToPeekedMessage).ToList();
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessagesMessage(RequestMethod.Delete, messageId, AzureStorageTransport.Query(("popreceipt", popReceipt)));
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 204)
        {
            throw ToException(response, MessageSubject(messageId));
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

        var query = AzureStorageTransport.Query(("popreceipt", popReceipt), ("visibilitytimeout", AzureQueueProtocol.WholeSeconds(visibilityTimeout).ToString(CultureInfo.InvariantCulture)));
        using var message = CreateMessagesMessage(RequestMethod.Put, messageId, query);
        if (text is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
            message.Request.Content = RequestContent.Create(AzureQueueProtocol.MessageXml(text));
        }

        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 204)
        {
            throw ToException(response, MessageSubject(messageId));
        }

        var newReceipt = AzureQueueProtocol.Header(response, "x-ms-popreceipt")
            ?? throw new StorageException(response.Status, "InvalidResponse", $"{MessageSubject(messageId)}: the service updated the message without a new pop receipt.");
        var nextVisible = AzureQueueProtocol.Header(response, "x-ms-time-next-visible") is { } visible
            ? AzureQueueProtocol.ParseDate(visible)
            : DateTimeOffset.UtcNow + visibilityTimeout;
        return new QueueMessageReceipt(messageId, newReceipt, nextVisible);
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = transport.CreateMessage(RequestMethod.Get, Name, "comp=metadata");
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw ToException(response, QueueSubject);
        }

        return int.TryParse(AzureQueueProtocol.Header(response, "x-ms-approximate-messages-count"), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new StorageException(response.Status, "InvalidResponse", $"{QueueSubject}: the service did not report a message count.");
    }

    private static string? ErrorCode(Response response) =>
        AzureQueueProtocol.Header(response, "x-ms-error-code") ?? AzureStorageTransport.ReadError(response).Code;

    /// <summary>
    /// The port promises <see cref="ResourceNotFoundException"/> for a stale pop receipt, as Azure answers when the
    /// message was received again (404 MessageNotFound). Some servers (Azurite) answer 400 PopReceiptMismatch instead;
    /// to a caller both mean "this receipt no longer controls the message".
    /// </summary>
    private static StorageException ToException(Response response, string subject)
    {
        var code = ErrorCode(response);
        var hint = code switch
        {
            "QueueNotFound" => CreateHint,
            "MessageNotFound" or "PopReceiptMismatch" =>
                "The message was deleted, expired, or received again since this pop receipt was issued (each receive or update issues a new one).",
            _ => null,
        };
        var exception = AzureStorageTransport.ToException(response, subject, hint);
        return code == "PopReceiptMismatch" ? new ResourceNotFoundException("MessageNotFound", exception.Message, exception) : exception;
    }

    private string MessageSubject(string messageId) => $"Message '{messageId}' in queue '{Name}'";

    private HttpMessage CreateMessagesMessage(RequestMethod method, string? messageId, string query)
    {
        var message = transport.CreateMessage(method, Name);
        message.Request.Uri.AppendPath("/messages", escape: false);
        if (messageId is not null)
        {
            message.Request.Uri.AppendPath("/" + Uri.EscapeDataString(messageId), escape: false);
        }

        if (query.Length > 0)
        {
            message.Request.Uri.Query = "?" + query;
        }

        return message;
    }
}
