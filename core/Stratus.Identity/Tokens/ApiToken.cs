using Stratus.Identity.Principals;

namespace Stratus.Identity.Tokens;

/// <summary>What is known about a token without its secret: shown in listings, checked on every request.</summary>
public sealed record ApiToken(
    string Id,
    string Name,
    TokenKind Kind,
    PrincipalRef Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string CreatedBy)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
