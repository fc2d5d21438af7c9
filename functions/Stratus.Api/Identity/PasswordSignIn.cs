using Microsoft.Extensions.Options;
using Stratus.Api.Security;
using Stratus.Identity.Stores;

namespace Stratus.Api.Identity;

/// <summary>
/// Checks a local user's password under the sign-in throttle, for every way a password signs in (the API's
/// <c>/auth/login</c>, the browser page of <c>terraform login</c>). Attempts count per user name before the password is
/// checked; after a few, the name is locked out for a growing time, refused without a check. Failures also count per
/// client address, whose far higher limit turns further wrong passwords from there into lockouts without refusing a
/// right one.
/// </summary>
internal sealed class PasswordSignIn(
    UserStore users,
    LoginThrottle throttle,
    IdentityAudit audit,
    IOptions<IdentityOptions> options,
    ILogger<PasswordSignIn> logger)
{
    /// <param name="name">The user name, already checked and normalized.</param>
    /// <param name="method">How the password came, for the audit trail (<c>password</c>, <c>terraform-login</c>).</param>
    public async Task<PasswordCheck> CheckAsync(HttpContext context, string name, string password, string method, CancellationToken cancellationToken)
    {
        // The attempt counts against the user name before the password is checked, in one conditional write, so
        // concurrent guesses cannot get more checks than the limit; a locked name is refused without a check.
        var limits = options.Value.Throttle;
        var userKey = ThrottleKeys.User(name);
        var attempt = await throttle.CountAttemptAsync(userKey, limits.PerUserFailureLimit, cancellationToken);
        if (!attempt.Allowed)
        {
            return PasswordCheck.Locked(attempt.LockedFor!.Value);
        }

        if (!await users.VerifyPasswordAsync(name, password, cancellationToken))
        {
            IdentityLog.LoginFailed(logger, name, context.ClientAddress());
            await audit.RecordAsync(context, IdentityAudit.LoginFailed, $"user:{name}", "anonymous", "failed", new() { ["method"] = method }, cancellationToken);

            // The address is only a weak signal (many callers share one behind a proxy): its lockout turns wrong
            // passwords from there into lockouts, but never refuses a right one.
            var byAddress = await throttle.CountAttemptAsync(ThrottleKeys.Address(context), limits.PerAddressFailureLimit, cancellationToken);
            if (attempt.LockedFor is { } started)
            {
                IdentityLog.LockedOut(logger, $"user:{name}", started.TotalSeconds);
                await audit.RecordAsync(context, IdentityAudit.LoginLockedOut, $"user:{name}", "anonymous", "locked", new() { ["seconds"] = started.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
            }

            if (byAddress is { Allowed: true, LockedFor: { } addressLockout })
            {
                IdentityLog.LockedOut(logger, $"address:{context.ClientAddress()}", addressLockout.TotalSeconds);
            }

            return Max(attempt.LockedFor, byAddress.LockedFor) is { } wait ? PasswordCheck.Locked(wait) : PasswordCheck.Refused;
        }

        // A right password clears the name's count and any lockout its attempt or a concurrent one started.
        await throttle.ResetAsync(userKey, cancellationToken);
        return PasswordCheck.Passed;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
