namespace Stratus.Storage.Queues;

/// <summary>What a send or update returns: the id and the pop receipt that now controls the message.</summary>
public sealed record QueueMessageReceipt(string MessageId, string PopReceipt, DateTimeOffset NextVisibleOn);
