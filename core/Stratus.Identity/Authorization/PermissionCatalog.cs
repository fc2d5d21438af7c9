using System.Collections.Frozen;

namespace Stratus.Identity.Authorization;

/// <summary>The permissions Stratus knows. Role definitions are checked against it, so a typo is a 400, not a silent no-op.</summary>
public static class PermissionCatalog
{
    private static readonly ScopeKind[] GlobalOnly = [ScopeKind.Global];
    private static readonly ScopeKind[] TeamScoped = [ScopeKind.Global, ScopeKind.Team];
    private static readonly ScopeKind[] PoolScoped = [ScopeKind.Global, ScopeKind.Pool];
    private static readonly ScopeKind[] AppScoped = [ScopeKind.Global, ScopeKind.Team, ScopeKind.Pool, ScopeKind.App];
    private static readonly ScopeKind[] JobScoped = [ScopeKind.Global, ScopeKind.Team, ScopeKind.Pool, ScopeKind.Job];
    private static readonly ScopeKind[] OrganizationScoped = [ScopeKind.Global, ScopeKind.Organization];
    private static readonly ScopeKind[] WorkspaceScoped = [ScopeKind.Global, ScopeKind.Organization, ScopeKind.Workspace];

    public static IReadOnlyList<PermissionInfo> All { get; } =
    [
        new(PermissionNames.PlatformRead, "Read platform information and function declarations.", GlobalOnly),
        new(PermissionNames.EventRead, "List platform events (deploys, grants, token changes, login failures).", GlobalOnly),
        new(PermissionNames.OrchestrationRead, "Inspect durable orchestration instances and their history.", GlobalOnly),
        new(PermissionNames.OrchestrationManage, "Raise events to, terminate, suspend, resume and purge orchestration instances.", GlobalOnly),

        new(PermissionNames.UserRead, "List and read users.", GlobalOnly),
        new(PermissionNames.UserManage, "Create, update, disable and remove users, and revoke their tokens.", GlobalOnly),
        new(PermissionNames.TeamRead, "Read a team and its members.", TeamScoped),
        new(PermissionNames.TeamCreate, "Create teams.", GlobalOnly),
        new(PermissionNames.TeamUpdate, "Change a team's description and identity-provider groups.", TeamScoped),
        new(PermissionNames.TeamDelete, "Remove a team.", TeamScoped),
        new(PermissionNames.TeamMemberManage, "Add and remove a team's members.", TeamScoped),
        new(PermissionNames.TeamTokenManage, "Create, list and revoke a team's API tokens.", TeamScoped),
        new(PermissionNames.RoleRead, "List roles, permissions and grants.", GlobalOnly),
        new(PermissionNames.RoleManage, "Create, change and remove roles.", GlobalOnly),
        new(PermissionNames.RoleGrant, "Grant roles to users, teams and tokens, and revoke grants.", GlobalOnly),

        new(PermissionNames.PoolRead, "List and read pools.", PoolScoped),
        new(PermissionNames.PoolManage, "Create, change and remove pools and their team access.", PoolScoped),
        new(PermissionNames.PlanManage, "Create, change and remove plans.", GlobalOnly),
        new(PermissionNames.PlatformManage, "Create, change and remove platforms.", GlobalOnly),
        new(PermissionNames.AppRead, "Read apps, their units, versions and deploy history.", AppScoped),
        new(PermissionNames.AppCreate, "Create apps.", TeamScoped),
        new(PermissionNames.AppUpdate, "Change an app's settings.", AppScoped),
        new(PermissionNames.AppDelete, "Remove an app and everything it owns.", AppScoped),
        new(PermissionNames.AppDeploy, "Deploy an app.", AppScoped),
        new(PermissionNames.AppRollback, "Roll an app back and enable or disable versions for rollback.", AppScoped),
        new(PermissionNames.AppEnvRead, "Read an app's environment variables (private values stay hidden).", AppScoped),
        new(PermissionNames.AppEnvSet, "Set and unset an app's environment variables.", AppScoped),
        new(PermissionNames.AppUnitManage, "Add and remove an app's units.", AppScoped),
        new(PermissionNames.AppRestart, "Start, stop and restart an app.", AppScoped),
        new(PermissionNames.AppLogRead, "Read and follow an app's logs.", AppScoped),
        new(PermissionNames.AppCnameManage, "Add and remove an app's cnames.", AppScoped),
        new(PermissionNames.AppCertificateManage, "Set and unset the certificates and cert-manager issuers of an app's cnames.", AppScoped),
        new(PermissionNames.AppJobRead, "Read jobs (Tsuru's), their env (private values stay hidden), runs and logs.", JobScoped),
        new(PermissionNames.AppJobCreate, "Create jobs.", TeamScoped),
        new(PermissionNames.AppJobUpdate, "Change a job's spec and env.", JobScoped),
        new(PermissionNames.AppJobDelete, "Remove a job and its runs.", JobScoped),
        new(PermissionNames.AppJobRun, "Trigger a job's run.", JobScoped),

        new(PermissionNames.OrganizationRead, "Read an organization.", OrganizationScoped),
        new(PermissionNames.OrganizationManage, "Create, change and remove organizations.", OrganizationScoped),
        new(PermissionNames.WorkspaceRead, "Read workspaces, their variables (sensitive values stay hidden) and jobs.", WorkspaceScoped),
        new(PermissionNames.WorkspaceManage, "Create, change, lock, unlock and remove workspaces (Terrakube's manageWorkspace).", WorkspaceScoped),
        new(PermissionNames.VariableManage, "Set and remove workspace variables and organization globals.", WorkspaceScoped),
        new(PermissionNames.CollectionManage, "Manage variable collections (Terrakube's manageCollection).", OrganizationScoped),
        new(PermissionNames.TemplateManage, "Manage templates (Terrakube's manageTemplate).", OrganizationScoped),
        new(PermissionNames.JobRead, "Read jobs, steps and their logs.", WorkspaceScoped),
        new(PermissionNames.JobPlan, "Run plan-only jobs (Terrakube's planJob).", WorkspaceScoped),
        new(PermissionNames.JobApply, "Run jobs that apply or destroy.", WorkspaceScoped),
        new(PermissionNames.JobApprove, "Approve or reject jobs waiting for approval, when also in the template's approval team (Terrakube's approveJob).", WorkspaceScoped),
        new(PermissionNames.JobManage, "Cancel jobs and manage their queue (Terrakube's manageJob).", WorkspaceScoped),
        new(PermissionNames.StateRead, "Read state and state history.", WorkspaceScoped),
        new(PermissionNames.StateWrite, "Write and lock state through terraform's http backend.", WorkspaceScoped),
        new(PermissionNames.StateManage, "Force-unlock, delete and roll back state (Terrakube's manageState).", WorkspaceScoped),
        new(PermissionNames.ScheduleManage, "Create, change and remove workspace schedules.", WorkspaceScoped),
        new(PermissionNames.ModuleRead, "Read the private registry's modules and providers.", OrganizationScoped),
        new(PermissionNames.ModuleManage, "Publish and remove private registry modules (Terrakube's manageModule).", OrganizationScoped),
        new(PermissionNames.ProviderRead, "Read the private registry's providers and install them with terraform.", OrganizationScoped),
        new(PermissionNames.ProviderManage, "Publish and remove private registry providers (Terrakube's manageProvider).", OrganizationScoped),
        new(PermissionNames.VcsManage, "Manage VCS connections and SSH keys (Terrakube's manageVcs).", OrganizationScoped),
    ];

    private static readonly FrozenDictionary<string, PermissionInfo> ByName = All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public static bool Contains(string name) => ByName.ContainsKey(name);

    public static PermissionInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Whether a role entry (a name, <c>area.*</c> or <c>*</c>) is valid: it must match at least one known permission.</summary>
    public static bool IsValidPattern(string pattern) => All.Any(p => PermissionPattern.Matches(pattern, p.Name));
}
