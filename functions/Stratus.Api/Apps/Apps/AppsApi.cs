using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps;
using Stratus.Apps.Apps;
using Stratus.Apps.Names;
using Stratus.Apps.Plans;
using Stratus.Apps.Platforms;
using Stratus.Apps.Pools;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Apps;

/// <summary>Apps: create, list, info, update. Removal, deploys and the other operations are in <see cref="AppOperationsApi"/>.</summary>
internal static class AppsApi
{
    public const string Route = "/apps/{app:appname}";
    private const string Example = """{"name": "blog", "platform": "static", "teamOwner": "web", "pool": "local", "plan": "small"}""";

    public static RouteGroupBuilder MapAppsCrudApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/apps").WithTags("Apps");
        group.MapGet("/", ListApps)
            .WithName("ListApps")
            .WithSummary("The apps the caller may read, optionally of one pool or team, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapPost("/", CreateApp)
            .WithName("CreateApp")
            .WithSummary("Creates an app owned by a team, in a pool, with a plan; 403 unless the caller may create apps for that team.")
            .Accepts<AppRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        api.MapGet(Route, GetApp)
            .WithName("GetApp")
            .WithSummary("An app: settings, processes and units wanted, the serving version and the addresses its router serves it on.")
            .WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        api.MapPut(Route, UpdateApp)
            .WithName("UpdateApp")
            .WithSummary("Changes an app's description, plan, platform, tags or router options (takes effect at the next deploy or restart).")
            .WithTags("Apps")
            .Accepts<AppRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.AppUpdate, ScopeKind.App, "app");
        return api;
    }

    /// <remarks>
    /// The caller's read permission is checked per app after the page is read, so a page may hold fewer than
    /// <c>?limit=</c> apps (even none) while <c>continuation</c> is still set: follow it to the end.
    /// </remarks>
    internal static async Task<Results<Ok<PageResponse<AppResponse>>, ProblemHttpResult>> ListApps(
        HttpContext context, AppStore apps, PoolStore pools, AccessEvaluator access, string? pool, string? team, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var routers = (await pools.ListAsync(cancellationToken)).ToDictionary(p => p.Name, p => p.Router, StringComparer.Ordinal);
        return await Paging.PageAsync(limit, async size =>
        {
            var page = await apps.ListAsync(pool, team, size, continuation, cancellationToken);
            var allowed = new List<App>();
            foreach (var app in page.Items)
            {
                if (await access.IsAllowedAsync(caller, PermissionNames.AppRead, Scope.Of(ScopeKind.App, app.Name), cancellationToken))
                {
                    allowed.Add(app);
                }
            }

            return page with { Items = allowed };
        }, app => AppResponse.From(app, LocalAddress(context, app, routers.GetValueOrDefault(app.Pool))));
    }

    internal static async Task<Results<Created<AppResponse>, ProblemHttpResult>> CreateApp(
        HttpContext context, AppStore apps, PoolStore pools, PlanStore plans, PlatformStore platforms, AccessEvaluator access, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<AppRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        // The body is checked before the team's permission: a malformed request is a 400 whoever sends it.
        if (AppNames.AppProblem(body!.Name) is { } badName)
        {
            return ApiProblems.Invalid(badName);
        }

        var caller = context.GetCaller();
        var team = body.TeamOwner ?? (caller.Teams.Count == 1 ? caller.Teams[0] : null);
        if (team is null)
        {
            return ApiProblems.Invalid($"Name the owning team in 'teamOwner' (you are in {caller.Teams.Count} teams, so it cannot be chosen for you). Example: {Example}");
        }

        if (!await access.IsAllowedAsync(caller, PermissionNames.AppCreate, Scope.Of(ScopeKind.Team, team), cancellationToken))
        {
            return ApiProblems.Forbidden($"Creating apps for team '{team}' needs the '{PermissionNames.AppCreate}' permission on 'team:{team}'.");
        }

        var pool = body.Pool is { } poolName ? await pools.GetAsync(poolName, cancellationToken) : await pools.GetDefaultAsync(cancellationToken);
        if (pool is null)
        {
            return ApiProblems.Invalid(body.Pool is null
                ? "There is no default pool. Name one in 'pool', or create one: stratus pool add local --provisioner podman --router local --registry 127.0.0.1:5000 --insecure --default"
                : $"There is no pool named '{body.Pool}'.");
        }

        if (!pool.Allows(team))
        {
            return ApiProblems.Invalid($"Pool '{pool.Name}' is not open to team '{team}'; it allows {string.Join(", ", pool.Teams)}.");
        }

        var plan = body.Plan is { } planName ? await plans.GetAsync(planName, cancellationToken) : await plans.GetDefaultAsync(cancellationToken);
        if (body.Plan is not null && plan is null)
        {
            return ApiProblems.Invalid($"There is no plan named '{body.Plan}'.");
        }

        if (body.Platform is { } platformName && await platforms.GetAsync(platformName, cancellationToken) is not { Disabled: false })
        {
            return ApiProblems.Invalid($"There is no enabled platform named '{platformName}'. See GET /api/v1/platforms.");
        }

        var app = new App(
            body.Name ?? "", body.Platform, plan?.Name ?? "default", team, pool.Name, body.Description, body.Tags ?? [],
            body.RouterOpts ?? new Dictionary<string, string>(), [], new Dictionary<string, int>());
        if (app.Problem() is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        try
        {
            var created = await apps.CreateAsync(app, cancellationToken);
            return TypedResults.Created($"/api/v1/apps/{created.Name}", AppResponse.From(created, LocalAddress(context, created, pool.Router)));
        }
        catch (AppConflictException)
        {
            return ApiProblems.Conflict($"An app named '{app.Name}' exists already. App names are unique across teams.");
        }
    }

    internal static async Task<Results<Ok<AppResponse>, ProblemHttpResult>> GetApp(
        string app, AppStore apps, PoolStore pools, PoolDrivers drivers, TimeProvider time, ILoggerFactory loggers, HttpContext context, CancellationToken cancellationToken)
    {
        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        var pool = await pools.GetAsync(found.Pool, cancellationToken);
        var addresses = await AppRouterAddresses.GetAsync(context, found, pool, drivers, time, loggers.CreateLogger(typeof(AppRouterAddresses).FullName!), cancellationToken);
        return TypedResults.Ok(AppResponse.From(found, addresses.FirstOrDefault()) with { Addresses = addresses });
    }

    internal static async Task<Results<Ok<AppResponse>, ProblemHttpResult>> UpdateApp(
        string app, HttpContext context, AppStore apps, PoolStore pools, PlanStore plans, PlatformStore platforms, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<AppRequest>(context.Request, """{"description": "…", "plan": "large"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != app)
        {
            return ApiProblems.Invalid($"The body names app '{body.Name}' but the URL names '{app}'; apps cannot be renamed.");
        }

        if (body.TeamOwner is not null || body.Pool is not null)
        {
            return ApiProblems.Invalid("An app's team owner and pool are fixed at creation; create a new app to move it.");
        }

        if (body.Plan is { } plan && await plans.GetAsync(plan, cancellationToken) is null)
        {
            return ApiProblems.Invalid($"There is no plan named '{plan}'.");
        }

        if (body.Platform is { } platform && await platforms.GetAsync(platform, cancellationToken) is not { Disabled: false })
        {
            return ApiProblems.Invalid($"There is no enabled platform named '{platform}'.");
        }

        var updated = await apps.UpdateAsync(app, a => a with
        {
            Description = body.Description ?? a.Description,
            Plan = body.Plan ?? a.Plan,
            Platform = body.Platform ?? a.Platform,
            Tags = body.Tags ?? a.Tags,
            RouterOptions = body.RouterOpts ?? a.RouterOptions,
        }, cancellationToken);
        return updated is null
            ? AppProblems.NoApp(app)
            : TypedResults.Ok(AppResponse.From(updated, LocalAddress(context, updated, (await pools.GetAsync(updated.Pool, cancellationToken))?.Router)));
    }

    /// <summary>The local router's address for the app, as the caller reached this host.</summary>
    internal static string? LocalAddress(HttpContext context, App app, string? router) =>
        router == PoolRouters.Local ? $"http://{app.Name}.localhost{(context.Request.Host.Port is { } port ? $":{port}" : "")}" : null;
}
