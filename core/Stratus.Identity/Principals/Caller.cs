using Stratus.Identity.Tokens;

namespace Stratus.Identity.Principals;

/// <summary>
/// Who is calling, once authenticated: the user (or, for a team token, the team), the teams it acts for, and the token
/// used if any. Grants to any of <see cref="Principals"/> apply.
/// </summary>
public sealed record Caller(PrincipalRef Subject, string Method, ApiToken? Token, IReadOnlyList<string> Teams)
{
    public IEnumerable<PrincipalRef> Principals
    {
        get
        {
            yield return Subject;
            foreach (var team in Teams)
            {
                var principal = PrincipalRef.Team(team);
                if (principal != Subject)
                {
                    yield return principal;
                }
            }

            if (Token is not null)
            {
                yield return PrincipalRef.Token(Token.Id);
            }
        }
    }

    /// <summary>For audit records: <c>user:alice</c>, or <c>team:ops (token tok…)</c>.</summary>
    public string Describe() => Token is null || Subject.Kind == PrincipalKind.User ? Subject.ToString() : $"{Subject} (token {Token.Id})";

    /// <summary>Team names compare without regard to case, as in Terrakube (<c>TERRAFORM_CLI</c> is <c>terraform_cli</c>).</summary>
    public bool IsMemberOf(string team) => Teams.Contains(team, TeamNames.Comparer);
}
