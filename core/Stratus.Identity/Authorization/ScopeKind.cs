namespace Stratus.Identity.Authorization;

/// <summary>What a grant applies to. Tsuru's role contexts (global, team, pool, app, job) plus Terrakube's organization and workspace.</summary>
public enum ScopeKind
{
    Global,
    Organization,
    Team,
    Pool,
    App,
    Workspace,
    Job,
}
