namespace Stratus.Api.Identity;

/// <summary>
/// Brute-force limits, bound from <c>Stratus:Identity:Throttle</c>: failed attempts allowed per 15 minutes before a
/// key is locked (30 s, doubling up to 15 minutes). Users and credentials are the real keys; the client address is a
/// weak signal (proxies and NAT put many callers behind one), so its limit is far higher, and its lockout never
/// refuses a valid credential.
/// </summary>
public sealed class ThrottleOptions
{
    /// <summary>Password attempts per user name; during that user's lockout even the right password gets 429.</summary>
    public int PerUserFailureLimit { get; set; } = 5;

    /// <summary>Refusals of one presented token (or identity-provider token), counted by its hash.</summary>
    public int PerCredentialFailureLimit { get; set; } = 5;

    /// <summary>Failed sign-ins of any kind from one client address; past it, wrong credentials from there get 429.</summary>
    public int PerAddressFailureLimit { get; set; } = 100;
}
