namespace Stratus.Identity.Principals;

/// <summary>Who a grant or a token belongs to.</summary>
public enum PrincipalKind
{
    User,
    Team,
    Token,
}
