using System.Collections.Frozen;

namespace Stratus.Identity.Authorization;

/// <summary>
/// Roles every installation has: an admin, a read-only auditor, Tsuru's team admin and app developer, and one role per
/// Terrakube team flag, so a Terrakube team maps onto grants one flag at a time.
/// </summary>
public static class BuiltInRoles
{
    public const string Admin = "admin";

    public static IReadOnlyList<Role> All { get; } =
    [
        new(Admin, "Everything, everywhere.", ["*"], BuiltIn: true),
        new("auditor", "Read everything that is not secret.", [
            PermissionNames.PlatformRead, PermissionNames.EventRead, PermissionNames.OrchestrationRead, PermissionNames.UserRead,
            PermissionNames.TeamRead, PermissionNames.RoleRead, PermissionNames.PoolRead, PermissionNames.AppRead,
            PermissionNames.AppLogRead, PermissionNames.AppJobRead, PermissionNames.OrganizationRead, PermissionNames.WorkspaceRead, PermissionNames.JobRead,
            PermissionNames.StateRead, PermissionNames.ModuleRead, PermissionNames.ProviderRead], BuiltIn: true),
        new("team-admin", "Run a team: its members, tokens and apps (Tsuru's team owner).", ["team.*", "app.*", PermissionNames.PoolRead], BuiltIn: true),
        new("app-developer", "Deploy and operate apps without changing their ownership.", [
            PermissionNames.AppRead, PermissionNames.AppDeploy, PermissionNames.AppRollback, "app.env.*", PermissionNames.AppUnitManage,
            PermissionNames.AppRestart, PermissionNames.AppLogRead, PermissionNames.AppCnameManage,
            PermissionNames.AppCertificateManage, PermissionNames.AppJobRead, PermissionNames.AppJobRun], BuiltIn: true),
        new("workspace-manager", "Terrakube's manageWorkspace: workspaces, their variables and schedules.", [
            "workspace.*", PermissionNames.VariableManage, PermissionNames.ScheduleManage, PermissionNames.OrganizationRead], BuiltIn: true),
        new("state-manager", "Terrakube's manageState.", ["state.*", PermissionNames.WorkspaceRead], BuiltIn: true),
        new("job-manager", "Terrakube's manageJob: run, cancel and queue jobs.", ["job.*", PermissionNames.WorkspaceRead], BuiltIn: true),
        new("job-planner", "Terrakube's planJob: plan but not apply.", [PermissionNames.JobRead, PermissionNames.JobPlan, PermissionNames.WorkspaceRead], BuiltIn: true),
        new("job-approver", "Terrakube's approveJob.", [PermissionNames.JobRead, PermissionNames.JobApprove, PermissionNames.WorkspaceRead], BuiltIn: true),
        new("template-manager", "Terrakube's manageTemplate.", [PermissionNames.TemplateManage, PermissionNames.OrganizationRead], BuiltIn: true),
        new("collection-manager", "Terrakube's manageCollection.", [PermissionNames.CollectionManage, PermissionNames.OrganizationRead], BuiltIn: true),
        new("module-manager", "Terrakube's manageModule.", ["module.*", PermissionNames.OrganizationRead], BuiltIn: true),
        new("provider-manager", "Terrakube's manageProvider.", ["provider.*", PermissionNames.OrganizationRead], BuiltIn: true),
        new("vcs-manager", "Terrakube's manageVcs.", [PermissionNames.VcsManage, PermissionNames.OrganizationRead], BuiltIn: true),
    ];

    private static readonly FrozenDictionary<string, Role> ByName = All.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    public static Role? Find(string name) => ByName.GetValueOrDefault(name);
}
