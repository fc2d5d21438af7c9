namespace Stratus.Identity.Tokens;

/// <summary>A personal token acts as its user; a team token acts as its team.</summary>
public enum TokenKind
{
    Personal,
    Team,
}
