using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// The TFE API names workspaces by id, so the route-based permission check cannot see them: each endpoint finds the
/// workspace here and checks the same workspace permissions the Stratus API requires. As in HCP Terraform, a workspace
/// the caller may not read answers 404, so its existence is not disclosed.
/// </summary>
internal sealed class TfeAccess(WorkspaceStore workspaces, AccessEvaluator access)
{
    /// <returns>The workspace, or the 404 for an unknown id, a missing workspace or one the caller may not read.</returns>
    public async Task<(Workspace? Workspace, IResult? Problem)> FindAsync(HttpContext context, string organization, string workspace, CancellationToken cancellationToken)
    {
        var found = await workspaces.GetAsync(organization, workspace, cancellationToken);
        if (found is null || !await AllowsAsync(context, PermissionNames.WorkspaceRead, organization, workspace, cancellationToken))
        {
            return (null, TfeProblems.NotFound($"There is no workspace '{workspace}' in organization '{organization}' that you may read."));
        }

        return (found, null);
    }

    public async Task<(Workspace? Workspace, IResult? Problem)> FindByIdAsync(HttpContext context, string workspaceId, CancellationToken cancellationToken) =>
        TfeIds.ParseWorkspace(workspaceId) is var (organization, workspace)
            ? await FindAsync(context, organization, workspace, cancellationToken)
            : (null, TfeProblems.NotFound($"'{workspaceId}' is not a workspace id of this server (they look like ws-…)."));

    /// <returns>The workspace an id names when the caller has <paramref name="permission"/> on it, or the 404/403.</returns>
    public async Task<(Workspace? Workspace, IResult? Problem)> FindByIdAsync(HttpContext context, string workspaceId, string permission, string action, CancellationToken cancellationToken)
    {
        var (workspace, problem) = await FindByIdAsync(context, workspaceId, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        return await RequireAsync(context, permission, workspace!.Organization, workspace.Name, action, cancellationToken) is { } refused ? (null, refused) : (workspace, null);
    }

    public Task<bool> AllowsAsync(HttpContext context, string permission, string organization, string workspace, CancellationToken cancellationToken) =>
        access.IsAllowedAsync(context.GetCaller(), permission, Scope.Of(ScopeKind.Workspace, $"{organization}/{workspace}"), cancellationToken);

    /// <returns>The 403 naming the permission, or <c>null</c> when the caller has it.</returns>
    public async Task<IResult?> RequireAsync(HttpContext context, string permission, string organization, string workspace, string action, CancellationToken cancellationToken) =>
        await AllowsAsync(context, permission, organization, workspace, cancellationToken)
            ? null
            : TfeProblems.Forbidden($"To {action} you need the '{permission}' permission on 'workspace:{organization}/{workspace}'.");
}
