namespace Stratus.Identity.Principals;

/// <summary>
/// A user. Local users are created by an admin and may sign in with a password; <c>oidc</c> users come from the identity
/// provider (Entra ID) and are recorded when they first create a token, with the groups their last sign-in carried.
/// </summary>
public sealed record User(
    string Name,
    string? DisplayName,
    string? Email,
    string Source,
    bool Disabled,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<string> Groups)
{
    public const string LocalSource = "local";
    public const string OidcSource = "oidc";
}
