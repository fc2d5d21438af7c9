namespace Stratus.Infra.State;

/// <summary>The outcome of a delete: the version that was current (if any) and whether history went too.</summary>
public sealed record StateDeleteResult(StateDeleteStatus Status, StateVersion? Version = null, StateLock? Lock = null, bool Purged = false);
