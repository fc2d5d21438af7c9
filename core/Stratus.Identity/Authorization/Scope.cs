using System.Diagnostics.CodeAnalysis;

namespace Stratus.Identity.Authorization;

/// <summary>
/// A scope as users write it: <c>global</c>, or <c>kind:value</c> such as <c>team:payments</c>, <c>app:web</c> or
/// <c>workspace:acme/network</c> (a workspace is named within its organization).
/// </summary>
public readonly record struct Scope(ScopeKind Kind, string Value)
{
    public static readonly Scope Global = new(ScopeKind.Global, "");

    /// <summary>A scope; a team's value is its <see cref="TeamNames.Key"/>, so <c>team:TERRAFORM_CLI</c> is <c>team:terraform_cli</c>.</summary>
    public static Scope Of(ScopeKind kind, string value) => kind switch
    {
        ScopeKind.Global => Global,
        ScopeKind.Team => new(kind, TeamNames.Key(value)),
        _ => new(kind, value),
    };

    public override string ToString() => Kind == ScopeKind.Global ? "global" : $"{KindName(Kind)}:{Value}";

    public static string KindName(ScopeKind kind) => kind switch
    {
        ScopeKind.Global => "global",
        ScopeKind.Organization => "organization",
        ScopeKind.Team => "team",
        ScopeKind.Pool => "pool",
        ScopeKind.App => "app",
        ScopeKind.Workspace => "workspace",
        ScopeKind.Job => "job",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a scope, or explains what a valid one looks like.</summary>
    public static bool TryParse(string? text, out Scope scope, [NotNullWhen(false)] out string? problem)
    {
        scope = Global;
        problem = null;
        if (string.Equals(text, "global", StringComparison.Ordinal))
        {
            return true;
        }

        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        var kind = colon > 0 ? ParseKind(text![..colon]) : null;
        if (kind is null or ScopeKind.Global)
        {
            problem = $"Scope '{text}' is not valid. Write 'global' or 'kind:value' where kind is organization, team, pool, app, job or workspace (e.g. 'team:payments', 'workspace:acme/network').";
            return false;
        }

        var value = text![(colon + 1)..];
        var valueProblem = kind switch
        {
            ScopeKind.Workspace => WorkspaceValueProblem(value),
            ScopeKind.Team => TeamNames.Problem(value, "scope value"),
            _ => IdentityNames.Problem(value, "scope value"),
        };
        if (valueProblem is not null)
        {
            problem = $"Scope '{text}': {valueProblem}";
            return false;
        }

        scope = Of(kind.Value, value);
        return true;
    }

    /// <summary>The scopes that contain this one by its name alone: a workspace sits in its organization.</summary>
    public IEnumerable<Scope> ImpliedParents()
    {
        if (Kind == ScopeKind.Workspace && Value.IndexOf('/', StringComparison.Ordinal) is var slash and > 0)
        {
            yield return new Scope(ScopeKind.Organization, Value[..slash]);
        }
    }

    private static ScopeKind? ParseKind(string text) => text switch
    {
        "organization" => ScopeKind.Organization,
        "team" => ScopeKind.Team,
        "pool" => ScopeKind.Pool,
        "app" => ScopeKind.App,
        "workspace" => ScopeKind.Workspace,
        "job" => ScopeKind.Job,
        _ => null,
    };

    private static string? WorkspaceValueProblem(string value)
    {
        var parts = value.Split('/');
        return parts.Length != 2
            ? "a workspace scope is 'workspace:<organization>/<workspace>'."
            : IdentityNames.Problem(parts[0], "organization name") ?? IdentityNames.Problem(parts[1], "workspace name");
    }
}
