namespace Stratus.Identity.Stores;

/// <summary>
/// What <see cref="LoginThrottle.CountAttemptAsync"/> decided. Refused: the key is locked for <see cref="LockedFor"/>,
/// and nothing was counted. Allowed: the attempt was counted; <see cref="LockedFor"/> is set when it used up the key's
/// last attempt, so the key is now locked for that long unless the attempt succeeds and the caller clears the key.
/// </summary>
public sealed record ThrottledAttempt(bool Allowed, TimeSpan? LockedFor)
{
    public static ThrottledAttempt Refused(TimeSpan lockedFor) => new(false, lockedFor);

    public static ThrottledAttempt Counted(TimeSpan? lockoutStarted) => new(true, lockoutStarted);
}
