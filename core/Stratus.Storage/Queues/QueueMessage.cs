namespace Stratus.Storage.Queues;

/// <summary>A received message. <see cref="DequeueCount"/> counts this receive too.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset NextVisibleOn);
