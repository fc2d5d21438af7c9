namespace Stratus.Api.Api.OpenApi;

/// <summary>The ids of the security schemes in the API document's <c>components.securitySchemes</c>.</summary>
internal static class SecuritySchemeNames
{
    /// <summary>A Stratus API token (<c>stratus_pat_…</c>, <c>stratus_team_…</c>) as <c>Authorization: Bearer</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>HTTP Basic with a Stratus API token as the password: what terraform's http state backend sends.</summary>
    public const string Basic = "basic";

    /// <summary>An identity provider's JWT (Entra ID), only when OIDC sign-in is configured.</summary>
    public const string OpenIdConnect = "oidc";
}
