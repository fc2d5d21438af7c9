using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Organizations;
using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Variables;

/// <summary>
/// Workspace variables, organization globals and collections (Terrakube's variable sets). Sensitive values are
/// write-only: stored encrypted, never in a response. <c>GET …/variables/resolved</c> shows what a run gets.
/// </summary>
internal static class VariablesApi
{
    private const string VariableRoute = "/{variableId:" + InfraNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapVariablesApi(this RouteGroupBuilder api)
    {
        var workspace = api.MapGroup(InfraRoutes.Workspace + "/variables").WithTags("Variables")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workspace.MapGet("/", ListWorkspaceVariables)
            .WithName("ListWorkspaceVariables")
            .WithSummary("A workspace's own variables by category and key, paged; sensitive values are never shown.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapPost("/", CreateWorkspaceVariable)
            .WithName("CreateWorkspaceVariable")
            .WithSummary("Adds a Terraform or environment variable to a workspace; a sensitive value is stored encrypted and never shown again.")
            .Accepts<VariableRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.VariableManage, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapGet("/resolved", ResolveWorkspaceVariables)
            .WithName("ResolveWorkspaceVariables")
            .WithSummary("What a run of the workspace gets: workspace variables, then globals, then collections by priority, each with its source.")
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapGet(VariableRoute, GetWorkspaceVariable)
            .WithName("GetWorkspaceVariable")
            .WithSummary("A workspace variable (its version in ETag).")
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapPatch(VariableRoute, UpdateWorkspaceVariable)
            .WithName("UpdateWorkspaceVariable")
            .WithSummary("Changes a workspace variable; only the properties sent change. Honours If-Match.")
            .Accepts<VariableRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.VariableManage, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapDelete(VariableRoute, DeleteWorkspaceVariable)
            .WithName("DeleteWorkspaceVariable")
            .WithSummary("Removes a workspace variable. Honours If-Match.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.VariableManage, ScopeKind.Workspace, "organization", "workspace");

        var globals = api.MapGroup(InfraRoutes.Organization + "/globals").WithTags("Variables")
            .ProducesProblem(StatusCodes.Status404NotFound);
        globals.MapGet("/", ListGlobals)
            .WithName("ListGlobalVariables")
            .WithSummary("An organization's global variables by category and key, paged; sensitive values are never shown.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        globals.MapPost("/", CreateGlobal)
            .WithName("CreateGlobalVariable")
            .WithSummary("Adds a global variable, which every workspace of the organization gets unless it sets the key itself.")
            .Accepts<VariableRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.VariableManage, ScopeKind.Organization, "organization");
        globals.MapGet(VariableRoute, GetGlobal)
            .WithName("GetGlobalVariable")
            .WithSummary("A global variable (its version in ETag).")
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        globals.MapPatch(VariableRoute, UpdateGlobal)
            .WithName("UpdateGlobalVariable")
            .WithSummary("Changes a global variable; only the properties sent change. Honours If-Match.")
            .Accepts<VariableRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.VariableManage, ScopeKind.Organization, "organization");
        globals.MapDelete(VariableRoute, DeleteGlobal)
            .WithName("DeleteGlobalVariable")
            .WithSummary("Removes a global variable. Honours If-Match.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.VariableManage, ScopeKind.Organization, "organization");

        return api.MapCollectionsApi();
    }

    internal static async Task<Results<Ok<PageResponse<VariableResponse>>, ProblemHttpResult>> ListWorkspaceVariables(
        string organization, string workspace, [FromServices] IWorkspaceLookup workspaces, VariableStore variables, int? limit, string? continuation, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(organization, workspace, cancellationToken) is { } found
            ? await VariableHandlers.ListAsync(VariableOwner.ForWorkspace(found), variables, limit, continuation, cancellationToken)
            : InfraProblems.NoWorkspace(organization, workspace);

    internal static async Task<Results<Created<VariableResponse>, ProblemHttpResult>> CreateWorkspaceVariable(
        string organization, string workspace, HttpContext context, [FromServices] IWorkspaceLookup workspaces, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await workspaces.FindAsync(organization, workspace, cancellationToken) is not { } found)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        var owner = VariableOwner.ForWorkspace(found);
        return await VariableHandlers.CreateAsync(context, owner, async (input, actor) => await variables.CreateAsync(owner, input, actor, cancellationToken), Logger(loggers), cancellationToken);
    }

    internal static async Task<Results<Ok<ResolvedVariablesResponse>, ProblemHttpResult>> ResolveWorkspaceVariables(
        string organization, string workspace, [FromServices] IWorkspaceLookup workspaces, VariableResolver resolver, CancellationToken cancellationToken)
    {
        if (await workspaces.FindAsync(organization, workspace, cancellationToken) is not { } found)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        var explained = await resolver.ExplainAsync(found, cancellationToken);
        return TypedResults.Ok(new ResolvedVariablesResponse(organization, workspace, explained.Variables.Select(EffectiveVariableResponse.From).ToList(), explained.Problems));
    }

    internal static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> GetWorkspaceVariable(
        string organization, string workspace, string variableId, HttpContext context, [FromServices] IWorkspaceLookup workspaces, VariableStore variables, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(organization, workspace, cancellationToken) is { } found
            ? await VariableHandlers.GetAsync(context, VariableOwner.ForWorkspace(found), variableId, variables, cancellationToken)
            : InfraProblems.NoWorkspace(organization, workspace);

    internal static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> UpdateWorkspaceVariable(
        string organization, string workspace, string variableId, HttpContext context, [FromServices] IWorkspaceLookup workspaces, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(organization, workspace, cancellationToken) is { } found
            ? await VariableHandlers.UpdateAsync(context, VariableOwner.ForWorkspace(found), variableId, variables, Logger(loggers), cancellationToken)
            : InfraProblems.NoWorkspace(organization, workspace);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWorkspaceVariable(
        string organization, string workspace, string variableId, HttpContext context, [FromServices] IWorkspaceLookup workspaces, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(organization, workspace, cancellationToken) is { } found
            ? await VariableHandlers.DeleteAsync(context, VariableOwner.ForWorkspace(found), variableId, variables, Logger(loggers), cancellationToken)
            : InfraProblems.NoWorkspace(organization, workspace);

    internal static async Task<Results<Ok<PageResponse<VariableResponse>>, ProblemHttpResult>> ListGlobals(
        string organization, [FromServices] IOrganizationLookup organizations, VariableStore variables, int? limit, string? continuation, CancellationToken cancellationToken) =>
        await organizations.OrganizationExistsAsync(organization, cancellationToken)
            ? await VariableHandlers.ListAsync(VariableOwner.ForOrganization(organization), variables, limit, continuation, cancellationToken)
            : InfraProblems.NoOrganization(organization);

    internal static async Task<Results<Created<VariableResponse>, ProblemHttpResult>> CreateGlobal(
        string organization, HttpContext context, [FromServices] IOrganizationLookup organizations, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var owner = VariableOwner.ForOrganization(organization);
        return await VariableHandlers.CreateAsync(context, owner, async (input, actor) => await variables.CreateAsync(owner, input, actor, cancellationToken), Logger(loggers), cancellationToken);
    }

    internal static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> GetGlobal(
        string organization, string variableId, HttpContext context, [FromServices] IOrganizationLookup organizations, VariableStore variables, CancellationToken cancellationToken) =>
        await organizations.OrganizationExistsAsync(organization, cancellationToken)
            ? await VariableHandlers.GetAsync(context, VariableOwner.ForOrganization(organization), variableId, variables, cancellationToken)
            : InfraProblems.NoOrganization(organization);

    internal static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> UpdateGlobal(
        string organization, string variableId, HttpContext context, [FromServices] IOrganizationLookup organizations, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        await organizations.OrganizationExistsAsync(organization, cancellationToken)
            ? await VariableHandlers.UpdateAsync(context, VariableOwner.ForOrganization(organization), variableId, variables, Logger(loggers), cancellationToken)
            : InfraProblems.NoOrganization(organization);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteGlobal(
        string organization, string variableId, HttpContext context, [FromServices] IOrganizationLookup organizations, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        await organizations.OrganizationExistsAsync(organization, cancellationToken)
            ? await VariableHandlers.DeleteAsync(context, VariableOwner.ForOrganization(organization), variableId, variables, Logger(loggers), cancellationToken)
            : InfraProblems.NoOrganization(organization);

    internal static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(VariablesApi));
}
