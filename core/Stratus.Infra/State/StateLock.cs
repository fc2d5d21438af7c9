namespace Stratus.Infra.State;

/// <summary>A held state lock: terraform's lock info plus the Stratus caller who took it and when.</summary>
public sealed record StateLock(StateLockInfo Info, string LockedBy, DateTimeOffset LockedAt)
{
    public string Id => Info.Id;
}
