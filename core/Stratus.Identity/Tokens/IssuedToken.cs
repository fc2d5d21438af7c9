namespace Stratus.Identity.Tokens;

/// <summary>A token just created: the only time its secret exists outside the caller's hands.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);
