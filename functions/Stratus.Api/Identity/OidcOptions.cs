namespace Stratus.Api.Identity;

/// <summary>
/// Sign-in with an OpenID Connect provider, Entra ID in Azure: bearer JWTs are validated against the provider's
/// metadata (issuer, signing keys) and this API's audience. Off unless <see cref="Authority"/> is set.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/&lt;tenant&gt;/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The metadata document, when not at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The API's application id URI or client id, which tokens must name in <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that names the user; lower-cased. Entra's <c>preferred_username</c> is the UPN.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim listing the user's groups; teams that list one of them count the user as a member.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Only for a local test provider: allows an <c>http://</c> metadata address.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
