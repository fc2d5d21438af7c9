using Stratus.Identity.Principals;

namespace Stratus.Api.Security;

/// <summary>The result of reading a request's credentials: a caller, nobody (no credentials), a refusal, or a lockout.</summary>
internal sealed record AuthenticationOutcome(Caller? Caller, string? Failure, TimeSpan? RetryAfter)
{
    public static readonly AuthenticationOutcome Anonymous = new(null, null, null);

    public static AuthenticationOutcome Success(Caller caller) => new(caller, null, null);

    public static AuthenticationOutcome Refused(string reason) => new(null, reason, null);

    public const string CredentialLocked = "Too many failed attempts with this credential.";
    public const string AddressLocked = "Too many failed sign-in attempts from this address; valid credentials are still accepted.";

    public static AuthenticationOutcome Throttled(TimeSpan retryAfter, string reason) => new(null, reason, retryAfter);
}
