namespace Stratus.Api.Identity.Contracts;

/// <summary>The one response that carries a token's secret.</summary>
internal sealed record CreatedTokenResponse(TokenResponse Token, string Secret, string Note)
{
    public const string ShownOnce = "Store the secret now: it is shown only this once and kept only as a hash.";
}
