namespace Stratus.Api.Identity;

/// <summary>The outcome of a password check: passed, refused, or refused because the name or address is locked out for <see cref="LockedFor"/>.</summary>
internal sealed record PasswordCheck(bool Succeeded, TimeSpan? LockedFor)
{
    public static readonly PasswordCheck Passed = new(true, null);
    public static readonly PasswordCheck Refused = new(false, null);

    public static PasswordCheck Locked(TimeSpan wait) => new(false, wait);
}
