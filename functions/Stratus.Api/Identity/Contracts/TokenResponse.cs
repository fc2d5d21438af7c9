using Stratus.Identity.Tokens;

namespace Stratus.Api.Identity.Contracts;

/// <summary>A token as listings show it: never its secret.</summary>
internal sealed record TokenResponse(string Id, string Name, string Kind, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string CreatedBy)
{
    public static TokenResponse From(ApiToken token) => new(
        token.Id,
        token.Name,
        token.Kind == TokenKind.Team ? "team" : "personal",
        token.Owner.ToString(),
        token.CreatedAt,
        token.ExpiresAt,
        token.LastUsedAt,
        token.CreatedBy);
}
