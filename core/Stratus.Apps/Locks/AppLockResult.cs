namespace Stratus.Apps.Locks;

/// <summary>The outcome of an acquire: <see cref="Holder"/> is the lock as it now stands (ours when <see cref="Acquired"/>).</summary>
public sealed record AppLockResult(bool Acquired, AppLock? Holder);
