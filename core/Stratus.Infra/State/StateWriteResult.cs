namespace Stratus.Infra.State;

/// <summary>The outcome of a write or rollback: the version (new or unchanged), the lock that refused it, or the problem.</summary>
public sealed record StateWriteResult(StateWriteStatus Status, StateVersion? Version = null, StateLock? Lock = null, string? Problem = null)
{
    public bool Succeeded => Status is StateWriteStatus.Created or StateWriteStatus.Unchanged;
}
