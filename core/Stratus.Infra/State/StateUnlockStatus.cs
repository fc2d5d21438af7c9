namespace Stratus.Infra.State;

public enum StateUnlockStatus
{
    /// <summary>The lock was released; <see cref="StateUnlockResult.Lock"/> is what it was.</summary>
    Unlocked,

    /// <summary>The state was not locked; nothing changed.</summary>
    NotLocked,

    /// <summary>Someone else holds the lock; <see cref="StateUnlockResult.Lock"/> is the holder.</summary>
    HeldByOther,
}
