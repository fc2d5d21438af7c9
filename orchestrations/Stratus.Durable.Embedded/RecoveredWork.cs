namespace Stratus.Durable.Embedded;

/// <summary>The committed messages found at start-up and the highest message sequence in use.</summary>
internal sealed record RecoveredWork(
    IReadOnlyList<QueuedOrchestrationMessage> OrchestrationMessages,
    IReadOnlyList<QueuedActivityMessage> ActivityMessages,
    long LastSequence);
