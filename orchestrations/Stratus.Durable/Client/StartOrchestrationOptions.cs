namespace Stratus.Durable.Client;

/// <summary>How to start an instance: a caller-chosen id (a GUID otherwise) and an optional later start time.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
