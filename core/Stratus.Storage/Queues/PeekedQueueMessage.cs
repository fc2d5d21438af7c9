namespace Stratus.Storage.Queues;

public sealed record PeekedQueueMessage(string MessageId, string Text, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset? ExpiresOn);
