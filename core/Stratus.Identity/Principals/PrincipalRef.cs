using System.Diagnostics.CodeAnalysis;

namespace Stratus.Identity.Principals;

/// <summary>A principal as users write it: <c>user:alice@example.com</c>, <c>team:payments</c> or <c>token:tok_…</c>.</summary>
public readonly record struct PrincipalRef(PrincipalKind Kind, string Name)
{
    public static PrincipalRef User(string name) => new(PrincipalKind.User, name);

    /// <summary>A team by its <see cref="TeamNames.Key"/>, so grants and tokens find it whatever case it is written in.</summary>
    public static PrincipalRef Team(string name) => new(PrincipalKind.Team, TeamNames.Key(name));

    public static PrincipalRef Token(string id) => new(PrincipalKind.Token, id);

    public override string ToString() => $"{KindName}:{Name}";

    public string KindName => Kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.Team => "team",
        _ => "token",
    };

    public static bool TryParse(string? text, out PrincipalRef principal, [NotNullWhen(false)] out string? problem)
    {
        principal = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        PrincipalKind? kind = colon > 0 ? text![..colon] switch
        {
            "user" => PrincipalKind.User,
            "team" => PrincipalKind.Team,
            "token" => PrincipalKind.Token,
            _ => null,
        } : null;
        if (kind is null)
        {
            problem = $"Principal '{text}' is not valid. Write 'user:<name>', 'team:<name>' or 'token:<id>'.";
            return false;
        }

        var name = text![(colon + 1)..];
        problem = kind == PrincipalKind.Team ? TeamNames.Problem(name) : IdentityNames.Problem(name, $"{text[..colon]} name");
        if (problem is not null)
        {
            return false;
        }

        principal = kind == PrincipalKind.Team ? Team(name) : new PrincipalRef(kind.Value, name);
        return true;
    }
}
