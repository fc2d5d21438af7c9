namespace Stratus.Api.Triggers;

/// <summary>A queue message as the Functions queue trigger hands it over: decoded text plus its metadata.</summary>
public sealed record QueueInvocation(
    string FunctionName,
    string QueueName,
    string MessageText,
    string MessageId,
    string? PopReceipt,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime);
