namespace Stratus.Durable.Embedded;

/// <summary>What <see cref="OrchestrationSessionTable.TryLockNextAsync"/> hands out: the session, the lock's token and the prefix of messages it took.</summary>
internal sealed record LockedInstanceSession(InstanceSession Session, long LockToken, DateTime LockedUntilUtc, IReadOnlyList<QueuedOrchestrationMessage> Messages);
