namespace Stratus.Cli.Api.Models;

/// <summary>The one answer that carries a token's secret (token creation and sign-in).</summary>
internal sealed record CreatedToken(TokenInfo Token, string Secret, string? Note);
