using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Identity.Contracts;
using Stratus.Api.Security;
using Stratus.Identity;
using Stratus.Identity.Authorization;
using Stratus.Identity.Stores;

namespace Stratus.Api.Identity;

/// <summary>Roles (built-in and custom) and the permission catalog they draw from.</summary>
internal static class RolesApi
{
    private const int MaxPermissions = 100;
    private const string Example = """{"name": "deployer", "description": "Deploys apps", "permissions": ["app.read", "app.deploy"]}""";
    private const string RoleRoute = "/{role:" + IdentityNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapRolesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/permissions", ListPermissions)
            .WithName("ListPermissions")
            .WithSummary("Every permission, what it allows and which scopes it can be granted on.")
            .WithTags("Identity")
            .RequirePermission(PermissionNames.RoleRead);

        var group = api.MapGroup("/roles").WithTags("Identity");
        group.MapGet("/", ListRoles)
            .WithName("ListRoles")
            .WithSummary("Built-in roles, then custom roles; paged (?limit=, ?continuation=, Link rel=\"next\").")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.RoleRead);
        group.MapPost("/", CreateRole)
            .WithName("CreateRole")
            .WithSummary("Creates a custom role from permission names and wildcards (app.*).")
            .Accepts<RoleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.RoleManage);
        group.MapGet(RoleRoute, GetRole)
            .WithName("GetRole")
            .WithSummary("A role and its permissions.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.RoleRead);
        group.MapPut(RoleRoute, ReplaceRole)
            .WithName("ReplaceRole")
            .WithSummary("Replaces a custom role's description and permissions; grants of it change with it.")
            .Accepts<RoleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.RoleManage);
        group.MapDelete(RoleRoute, DeleteRole)
            .WithName("DeleteRole")
            .WithSummary("Removes a custom role that is no longer granted.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.RoleManage);
        return api;
    }

    internal static Ok<IReadOnlyList<PermissionResponse>> ListPermissions(CancellationToken cancellationToken)
    {
        IReadOnlyList<PermissionResponse> all = PermissionCatalog.All.Select(PermissionResponse.From).ToList();
        return TypedResults.Ok(all);
    }

    internal static Task<Results<Ok<IReadOnlyList<RoleResponse>>, ProblemHttpResult>> ListRoles(
        HttpContext context, RoleStore roles, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageArrayAsync(context, limit, size => roles.ListAsync(size, continuation, cancellationToken), RoleResponse.From);

    internal static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> GetRole(string role, RoleStore roles, CancellationToken cancellationToken) =>
        await roles.GetAsync(role, cancellationToken) is { } found ? TypedResults.Ok(RoleResponse.From(found)) : NoRole(role);

    internal static async Task<Results<Created<RoleResponse>, ProblemHttpResult>> CreateRole(
        HttpContext context, RoleStore roles, IdentityAudit audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<RoleRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if ((IdentityNames.Problem(body!.Name, "role name") ?? PermissionsProblem(body.Permissions)) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var role = new Role(body.Name!, body.Description ?? "", body.Permissions!.Distinct(StringComparer.Ordinal).ToList());
        if (!await roles.CreateAsync(role, cancellationToken))
        {
            return ApiProblems.Conflict(BuiltInRoles.Find(role.Name) is null ? $"A role named '{role.Name}' exists already." : $"'{role.Name}' is a built-in role; choose another name.");
        }

        await audit.RecordAsync(context, IdentityAudit.RoleChanged, $"role:{role.Name}", context.GetCaller().Describe(), "created", new() { ["permissions"] = string.Join(',', role.Permissions) }, cancellationToken);
        return TypedResults.Created($"/api/v1/roles/{role.Name}", RoleResponse.From(role));
    }

    internal static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> ReplaceRole(
        string role, HttpContext context, RoleStore roles, IdentityAudit audit, CancellationToken cancellationToken)
    {
        if (BuiltInRoles.Find(role) is not null)
        {
            return ApiProblems.Conflict($"'{role}' is a built-in role and cannot be changed; create a custom role instead.");
        }

        var (body, problem) = await JsonRequestBody.ReadAsync<RoleRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (((body!.Name is not null && body.Name != role ? $"The body names role '{body.Name}' but the URL names '{role}'; roles cannot be renamed." : null)
            ?? PermissionsProblem(body.Permissions)) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var updated = new Role(role, body.Description ?? "", body.Permissions!.Distinct(StringComparer.Ordinal).ToList());
        if (!await roles.ReplaceAsync(updated, cancellationToken))
        {
            return NoRole(role);
        }

        await audit.RecordAsync(context, IdentityAudit.RoleChanged, $"role:{role}", context.GetCaller().Describe(), "replaced", new() { ["permissions"] = string.Join(',', updated.Permissions) }, cancellationToken);
        return TypedResults.Ok(RoleResponse.From(updated));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteRole(
        string role, HttpContext context, RoleStore roles, GrantStore grants, IdentityAudit audit, CancellationToken cancellationToken)
    {
        if (BuiltInRoles.Find(role) is not null)
        {
            return ApiProblems.Conflict($"'{role}' is a built-in role and cannot be removed.");
        }

        if (await grants.AnyForRoleAsync(role, cancellationToken))
        {
            return ApiProblems.Conflict($"Role '{role}' is still granted. Revoke its grants first (GET /api/v1/grants?role={role}).");
        }

        if (!await roles.DeleteAsync(role, cancellationToken))
        {
            return NoRole(role);
        }

        await audit.RecordAsync(context, IdentityAudit.RoleChanged, $"role:{role}", context.GetCaller().Describe(), "removed", null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NoRole(string role) => ApiProblems.NotFound($"There is no role named '{role}'.");

    private static string? PermissionsProblem(IReadOnlyList<string>? permissions)
    {
        if (permissions is null || permissions.Count == 0)
        {
            return "A role needs at least one permission. GET /api/v1/permissions lists them; 'area.*' covers an area.";
        }

        if (permissions.Count > MaxPermissions)
        {
            return $"A role holds at most {MaxPermissions} permissions; use wildcards such as 'app.*'.";
        }

        var unknown = permissions.Where(p => !PermissionCatalog.IsValidPattern(p)).ToList();
        return unknown.Count == 0
            ? null
            : $"Unknown permission(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}. GET /api/v1/permissions lists them; 'area.*' covers an area.";
    }
}
