namespace Stratus.Infra.State;

/// <summary>
/// The outcome of a lock request. <see cref="Acquired"/>: the caller holds <see cref="Lock"/> (also when it asked again
/// with the id it already holds). Otherwise <see cref="Lock"/> is the holder, whose info terraform prints.
/// </summary>
public sealed record StateLockResult(bool Acquired, StateLock Lock);
