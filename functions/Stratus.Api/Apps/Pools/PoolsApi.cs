using Stratus.Apps.Apps;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Names;
using Stratus.Apps.Pools;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity;
using Stratus.Identity.Authorization;
using Stratus.Identity.Stores;

namespace Stratus.Api.Apps.Pools;

/// <summary>
/// Pools (Tsuru's <c>pool</c>): where apps run, how they are routed and where their images go. At most one is the
/// default, used by apps created without a pool.
/// </summary>
internal static class PoolsApi
{
    private const string Example =
        """{"name": "local", "provisioner": "podman", "router": "local", "registry": {"address": "127.0.0.1:5000", "namespace": "stratus", "insecure": true}, "default": true, "teams": []}""";

    private const string PoolRoute = "/pools/{pool:appname}";

    public static RouteGroupBuilder MapPoolsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pools").WithTags("Pools");
        group.MapGet("/", ListPools)
            .WithName("ListPools")
            .WithSummary("Every pool, by name, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.PoolRead);
        group.MapPost("/", CreatePool)
            .WithName("CreatePool")
            .WithSummary("Creates a pool; making it the default takes that from the current default.")
            .Accepts<PoolRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.PoolManage);
        api.MapGet(PoolRoute, GetPool)
            .WithName("GetPool")
            .WithSummary("A pool.")
            .WithTags("Pools")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PoolRead, ScopeKind.Pool, "pool");
        api.MapPut(PoolRoute, ReplacePool)
            .WithName("ReplacePool")
            .WithSummary("Replaces every setting of a pool; its name stays.")
            .WithTags("Pools")
            .Accepts<PoolRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PoolManage, ScopeKind.Pool, "pool");
        api.MapDelete(PoolRoute, DeletePool)
            .WithName("DeletePool")
            .WithSummary("Removes a pool that no app uses.")
            .WithTags("Pools")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.PoolManage, ScopeKind.Pool, "pool");
        api.MapPost(PoolRoute + "/default", SetDefaultPool)
            .WithName("SetDefaultPool")
            .WithSummary("Makes a pool the default, the one apps created without a pool go to.")
            .WithTags("Pools")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PoolManage, ScopeKind.Pool, "pool");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<PoolResponse>>, ProblemHttpResult>> ListPools(
        PoolStore pools, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageAsync(limit, size => pools.ListAsync(size, continuation, cancellationToken), PoolResponse.From);

    internal static async Task<Results<Created<PoolResponse>, ProblemHttpResult>> CreatePool(
        HttpContext context, PoolStore pools, TeamStore teams, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PoolRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var pool = body!.ToPool(body.Name ?? "");
        if (await ProblemAsync(body, pool, teams, cancellationToken) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        try
        {
            if (!await pools.CreateAsync(pool, cancellationToken))
            {
                return ApiProblems.Conflict($"A pool named '{pool.Name}' exists already. Change it with PUT /api/v1/pools/{pool.Name}, or choose another name.");
            }
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }

        var created = await pools.GetAsync(pool.Name, cancellationToken) ?? pool;
        return TypedResults.Created($"/api/v1/pools/{pool.Name}", PoolResponse.From(created));
    }

    internal static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> GetPool(string pool, PoolStore pools, CancellationToken cancellationToken) =>
        await pools.GetAsync(pool, cancellationToken) is { } found ? TypedResults.Ok(PoolResponse.From(found)) : NoPool(pool);

    internal static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> ReplacePool(
        string pool, HttpContext context, PoolStore pools, TeamStore teams, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PoolRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != pool)
        {
            return ApiProblems.Invalid($"The body names pool '{body.Name}' but the URL names '{pool}'; pools cannot be renamed.");
        }

        var replacement = body.ToPool(pool);
        if (await ProblemAsync(body, replacement, teams, cancellationToken) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        try
        {
            return await pools.UpdateAsync(pool, _ => replacement, cancellationToken) is { } updated
                ? TypedResults.Ok(PoolResponse.From(updated))
                : NoPool(pool);
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePool(string pool, PoolStore pools, AppStore apps, CancellationToken cancellationToken)
    {
        if ((await apps.ListAsync(pool, null, cancellationToken)).Select(a => a.Name).Take(5).ToList() is { Count: > 0 } inUse)
        {
            return ApiProblems.Conflict($"Pool '{pool}' still runs apps ({string.Join(", ", inUse)}{(inUse.Count == 5 ? ", …" : "")}); remove or move them first.");
        }

        return await pools.DeleteAsync(pool, cancellationToken) ? TypedResults.NoContent() : NoPool(pool);
    }

    internal static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> SetDefaultPool(string pool, PoolStore pools, CancellationToken cancellationToken) =>
        await pools.UpdateAsync(pool, p => p with { Default = true }, cancellationToken) is { } updated ? TypedResults.Ok(PoolResponse.From(updated)) : NoPool(pool);

    private static async Task<string?> ProblemAsync(PoolRequest body, Pool pool, TeamStore teams, CancellationToken cancellationToken)
    {
        if ((body.ShapeProblem() ?? pool.Problem()) is { } problem)
        {
            return problem;
        }

        foreach (var team in pool.Teams)
        {
            if (IdentityNames.Problem(team, "team name") is { } invalid)
            {
                return invalid;
            }

            if (await teams.GetAsync(team, cancellationToken) is null)
            {
                return $"The team '{team}' does not exist. Create it first (stratus team create {team}) or leave it out of the pool's teams.";
            }
        }

        return null;
    }

    private static ProblemHttpResult NoPool(string pool) => ApiProblems.NotFound($"There is no pool '{pool}'. List the pools with 'stratus pool list'.");
}
