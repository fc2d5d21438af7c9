namespace Stratus.Infra.State;

public sealed record StateUnlockResult(StateUnlockStatus Status, StateLock? Lock);
