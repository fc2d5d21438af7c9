using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Identity.Contracts;
using Stratus.Api.Security;
using Stratus.Identity;
using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Storage;

namespace Stratus.Api.Identity;

/// <summary>Grants: a role for a user, team or token within a scope. Granting the same thing twice returns the same grant.</summary>
internal static class GrantsApi
{
    private const string Example = """{"principal": "team:payments", "role": "app-developer", "scope": "team:payments"}""";

    public static RouteGroupBuilder MapGrantsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/grants").WithTags("Identity");
        group.MapGet("/", ListGrants)
            .WithName("ListGrants")
            .WithSummary("Grants, paged; filter by principal or role.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.RoleRead);
        group.MapPost("/", CreateGrant)
            .WithName("CreateGrant")
            .WithSummary("Grants a role to a principal within a scope (global, organization:, team:, pool:, app:, workspace:).")
            .Accepts<CreateGrantRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.RoleGrant);
        group.MapGet("/{grantId}", GetGrant)
            .WithName("GetGrant")
            .WithSummary("A grant.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.RoleRead);
        group.MapDelete("/{grantId}", RevokeGrant)
            .WithName("RevokeGrant")
            .WithSummary("Revokes a grant, effective at once.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.RoleGrant);
        return api;
    }

    internal static async Task<Results<Ok<PageResponse<GrantResponse>>, ProblemHttpResult>> ListGrants(
        GrantStore grants, string? principal, string? role, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var (size, problem) = ApiProblems.PageSize(limit);
        if (problem is not null)
        {
            return problem;
        }

        if (principal is not null)
        {
            if (!PrincipalRef.TryParse(principal, out var parsed, out var invalid))
            {
                return ApiProblems.Invalid(invalid);
            }

            var held = (await grants.ForPrincipalAsync(parsed, cancellationToken)).Where(g => role is null || g.Role == role);
            return TypedResults.Ok(new PageResponse<GrantResponse>(held.Select(GrantResponse.From).ToList(), null));
        }

        try
        {
            var page = await grants.ListAsync(role, size, continuation, cancellationToken);
            return TypedResults.Ok(new PageResponse<GrantResponse>(page.Items.Select(GrantResponse.From).ToList(), page.ContinuationToken));
        }
        catch (InvalidStorageRequestException)
        {
            return ApiProblems.BadContinuation();
        }
    }

    internal static async Task<Results<Created<GrantResponse>, Ok<GrantResponse>, ProblemHttpResult>> CreateGrant(
        HttpContext context, GrantStore grants, RoleStore roles, UserStore users, TeamStore teams, TokenStore tokens, IdentityAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateGrantRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (!PrincipalRef.TryParse(body!.Principal, out var principal, out var principalProblem))
        {
            return ApiProblems.Invalid(principalProblem);
        }

        if (!Scope.TryParse(body.Scope ?? "global", out var scope, out var scopeProblem))
        {
            return ApiProblems.Invalid(scopeProblem);
        }

        if (IdentityNames.Problem(body.Role, "role name") is { } roleProblem)
        {
            return ApiProblems.Invalid(roleProblem);
        }

        if (await roles.GetAsync(body.Role!, cancellationToken) is not { } role)
        {
            return ApiProblems.NotFound($"There is no role named '{body.Role}'. GET /api/v1/roles lists them.");
        }

        if (scope.Kind != ScopeKind.Global)
        {
            var narrowable = role.Permissions.SelectMany(p => PermissionCatalog.All.Where(i => PermissionPattern.Matches(p, i.Name))).ToList();
            if (!narrowable.Any(i => i.Scopes.Contains(scope.Kind)))
            {
                return ApiProblems.Invalid($"Role '{role.Name}' has no permission that can be granted on a {Scope.KindName(scope.Kind)} scope; grant it globally or on another scope.");
            }
        }

        var exists = principal.Kind switch
        {
            PrincipalKind.User => await users.GetAsync(principal.Name, cancellationToken) is not null,
            PrincipalKind.Team => await teams.GetAsync(principal.Name, cancellationToken) is not null,
            _ => await tokens.GetAsync(principal.Name, cancellationToken) is not null,
        };
        if (!exists)
        {
            return ApiProblems.NotFound($"There is no {principal.KindName} named '{principal.Name}'.");
        }

        var caller = context.GetCaller();
        var (grant, created) = await grants.AddAsync(principal, role.Name, scope, time.GetUtcNow(), caller.Describe(), cancellationToken);
        if (!created)
        {
            return TypedResults.Ok(GrantResponse.From(grant));
        }

        await audit.RecordAsync(context, IdentityAudit.GrantCreated, principal.ToString(), caller.Describe(), "succeeded",
            new() { ["grant"] = grant.Id, ["role"] = grant.Role, ["scope"] = grant.Scope.ToString() }, cancellationToken);
        return TypedResults.Created($"/api/v1/grants/{grant.Id}", GrantResponse.From(grant));
    }

    internal static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> GetGrant(string grantId, GrantStore grants, CancellationToken cancellationToken) =>
        (IdentityNames.Problem(grantId, "grant id") is null ? await grants.GetAsync(grantId, cancellationToken) : null) is { } grant
            ? TypedResults.Ok(GrantResponse.From(grant))
            : ApiProblems.NotFound($"There is no grant '{grantId}'.");

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeGrant(
        string grantId, HttpContext context, GrantStore grants, IdentityAudit audit, CancellationToken cancellationToken)
    {
        var grant = IdentityNames.Problem(grantId, "grant id") is null ? await grants.GetAsync(grantId, cancellationToken) : null;
        if (grant is null || !await grants.RemoveAsync(grantId, cancellationToken))
        {
            return ApiProblems.NotFound($"There is no grant '{grantId}'.");
        }

        await audit.RecordAsync(context, IdentityAudit.GrantRevoked, grant.Principal.ToString(), context.GetCaller().Describe(), "succeeded",
            new() { ["grant"] = grant.Id, ["role"] = grant.Role, ["scope"] = grant.Scope.ToString() }, cancellationToken);
        return TypedResults.NoContent();
    }
}
