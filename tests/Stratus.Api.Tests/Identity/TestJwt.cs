namespace Stratus.Api.Tests.Identity;

/// <summary>
/// What goes into a token: Entra-style claims with defaults that pass validation. Change one thing with
/// <c>with { … }</c>. <see langword="null"/> times mean "around now" (issued now, valid for an hour).
/// </summary>
public sealed record TestJwt(string? PreferredUsername)
{
    public string? Issuer { get; init; }

    public string? Audience { get; init; } = TestOidcProvider.DefaultAudience;

    public string? Name { get; init; }

    public string? Email { get; init; }

    /// <summary>Entra group object ids, sent as a JSON array (<c>"groups": ["…", "…"]</c>).</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    public DateTime? IssuedAt { get; init; }

    public DateTime? NotBefore { get; init; }

    public DateTime? Expires { get; init; }

    /// <summary>Leaves out <c>exp</c> altogether (the handler would otherwise add one).</summary>
    public bool WithoutExpiry { get; init; }

    /// <summary>Any further claims, as they should appear in the payload (a string array becomes a JSON array).</summary>
    public IReadOnlyDictionary<string, object>? Claims { get; init; }

    public TestSigningKey SigningKey { get; init; } = TestSigningKey.Provider;
}
