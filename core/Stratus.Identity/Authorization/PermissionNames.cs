namespace Stratus.Identity.Authorization;

/// <summary>
/// Every permission an endpoint can require, named after the operation (Tsuru's style, e.g. <c>app.deploy</c>).
/// Roles hold these names or wildcards over them (<c>app.*</c>, <c>*</c>). <see cref="PermissionCatalog"/> describes them.
/// </summary>
public static class PermissionNames
{
    public const string PlatformRead = "platform.read";
    public const string EventRead = "event.read";
    public const string OrchestrationRead = "orchestration.read";
    public const string OrchestrationManage = "orchestration.manage";

    public const string UserRead = "user.read";
    public const string UserManage = "user.manage";
    public const string TeamRead = "team.read";
    public const string TeamCreate = "team.create";
    public const string TeamUpdate = "team.update";
    public const string TeamDelete = "team.delete";
    public const string TeamMemberManage = "team.member.manage";
    public const string TeamTokenManage = "team.token.manage";
    public const string RoleRead = "role.read";
    public const string RoleManage = "role.manage";
    public const string RoleGrant = "role.grant";

    public const string PoolRead = "pool.read";
    public const string PoolManage = "pool.manage";
    public const string PlanManage = "plan.manage";
    public const string PlatformManage = "platform.manage";
    public const string AppRead = "app.read";
    public const string AppCreate = "app.create";
    public const string AppUpdate = "app.update";
    public const string AppDelete = "app.delete";
    public const string AppDeploy = "app.deploy";
    public const string AppRollback = "app.rollback";
    public const string AppEnvRead = "app.env.read";
    public const string AppEnvSet = "app.env.set";
    public const string AppUnitManage = "app.unit.manage";
    public const string AppRestart = "app.restart";
    public const string AppLogRead = "app.log.read";
    public const string AppCnameManage = "app.cname.manage";
    public const string AppCertificateManage = "app.certificate.manage";

    // Tsuru's jobs. Named app.job.* because job.* is Terrakube's (workspace jobs), and so a team's app.* covers them.
    public const string AppJobRead = "app.job.read";
    public const string AppJobCreate = "app.job.create";
    public const string AppJobUpdate = "app.job.update";
    public const string AppJobDelete = "app.job.delete";
    public const string AppJobRun = "app.job.run";

    public const string OrganizationRead = "organization.read";
    public const string OrganizationManage = "organization.manage";
    public const string WorkspaceRead = "workspace.read";
    public const string WorkspaceManage = "workspace.manage";
    public const string VariableManage = "variable.manage";
    public const string CollectionManage = "collection.manage";
    public const string TemplateManage = "template.manage";
    public const string JobRead = "job.read";
    public const string JobPlan = "job.plan";
    public const string JobApply = "job.apply";
    public const string JobApprove = "job.approve";
    public const string JobManage = "job.manage";
    public const string StateRead = "state.read";
    public const string StateWrite = "state.write";
    public const string StateManage = "state.manage";
    public const string ScheduleManage = "schedule.manage";
    public const string ModuleRead = "module.read";
    public const string ModuleManage = "module.manage";
    public const string ProviderRead = "provider.read";
    public const string ProviderManage = "provider.manage";
    public const string VcsManage = "vcs.manage";
}
