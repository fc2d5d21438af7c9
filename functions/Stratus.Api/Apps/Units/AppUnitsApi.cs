using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Names;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Units;

/// <summary>
/// An app's units: what the runtime runs now, and Tsuru's <c>unit add/remove</c>, which change the wanted count of a
/// process by a delta under the app's lock and roll the serving version out with it. A process the app has never
/// scaled counts as 1 unit, as the rollout runs it.
/// </summary>
internal static class AppUnitsApi
{
    private const string Example = """{"process": "web", "units": 2}""";

    public static RouteGroupBuilder MapAppUnitsApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/units", ListUnits)
            .WithName("ListAppUnits")
            .WithSummary("The app's units as its runtime reports them: id, process, version, status, address and readiness.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        app.MapPut("/units", AddUnits)
            .WithName("AddAppUnits")
            .WithSummary("Adds units to a process (a delta, as Tsuru's unit add) and rolls the serving version out with them.")
            .Accepts<UnitsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppUnitManage, ScopeKind.App, "app");
        app.MapDelete("/units", RemoveUnits)
            .WithName("RemoveAppUnits")
            .WithSummary("Removes units of a process (?process=web&units=1), never below zero, and rolls the serving version out without them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppUnitManage, ScopeKind.App, "app");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<UnitResponse>>, ProblemHttpResult>> ListUnits(
        string app, AppStore apps, PoolStore pools, PoolDrivers drivers, CancellationToken cancellationToken)
    {
        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        var (runtime, problem) = await AppRuntimes.ResolveAsync(found, pools, drivers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            IReadOnlyList<UnitResponse> units = (await runtime!.GetUnitsAsync(found.Name, cancellationToken)).Select(UnitResponse.From).ToList();
            return TypedResults.Ok(units);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AppRuntimes.Failed(runtime!, found, ex);
        }
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> AddUnits(
        string app, HttpContext context, AppStore apps, AppVersionStore versions, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<UnitsRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Units is not { } units || units < 1)
        {
            return ApiProblems.Invalid($"Say how many units to add in 'units' (at least 1). Example: {Example}");
        }

        return await ChangeAsync(app, body.Process, units, context, apps, versions, starter, wait, cancellationToken);
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> RemoveUnits(
        string app, string? process, int? units, HttpContext context, AppStore apps, AppVersionStore versions, AppOperationStarter starter, int? wait,
        CancellationToken cancellationToken)
    {
        if (units is not { } count || count < 1)
        {
            return ApiProblems.Invalid("Say how many units to remove in ?units= (at least 1), e.g. DELETE /api/v1/apps/{app}/units?process=web&units=1.");
        }

        return await ChangeAsync(app, process, -count, context, apps, versions, starter, wait, cancellationToken);
    }

    private static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> ChangeAsync(
        string app, string? requested, int delta, HttpContext context, AppStore apps, AppVersionStore versions, AppOperationStarter starter, int? wait,
        CancellationToken cancellationToken)
    {
        if (requested is not null && AppNames.ProcessProblem(requested) is { } badProcess)
        {
            return ApiProblems.Invalid(badProcess);
        }

        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        var (process, processProblem) = await ProcessAsync(found, requested, versions, cancellationToken);
        if (processProblem is not null)
        {
            return processProblem;
        }

        // Checked here for a clear 400, and again under the lock, where the count may have moved meanwhile.
        if (NextCount(found, process!, delta) is { Problem: { } countProblem })
        {
            return ApiProblems.Invalid(countProblem);
        }

        var message = delta > 0
            ? string.Create(CultureInfo.InvariantCulture, $"add {delta} unit(s) to {process}")
            : string.Create(CultureInfo.InvariantCulture, $"remove {-delta} unit(s) from {process}");
        try
        {
            return await AppOperationResults.StartAsync(
                starter, context, app, AppOperationKinds.Units, DeployOrigins.AppDeploy, message, null, null, null, wait, cancellationToken,
                ct => ApplyAsync(apps, app, process!, delta, ct));
        }
        catch (AppNotFoundException)
        {
            return AppProblems.NoApp(app);
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    private static async Task ApplyAsync(AppStore apps, string app, string process, int delta, CancellationToken cancellationToken)
    {
        var updated = await apps.UpdateAsync(app, a =>
        {
            var (next, problem) = NextCount(a, process, delta);
            InvalidAppRequestException.ThrowIfProblem(problem);
            return a with { Processes = new Dictionary<string, int>(a.Processes, StringComparer.Ordinal) { [process] = next } };
        }, cancellationToken);
        if (updated is null)
        {
            throw new AppNotFoundException(app);
        }
    }

    /// <summary>The process's wanted count after <paramref name="delta"/>; one never scaled runs 1 unit, as the rollout starts it.</summary>
    private static (int Next, string? Problem) NextCount(App app, string process, int delta)
    {
        var current = app.Processes.GetValueOrDefault(process, 1);
        var next = current + delta;
        if (next < 0)
        {
            return (current, string.Create(CultureInfo.InvariantCulture, $"Process '{process}' of app '{app.Name}' has {current} unit(s); {-delta} cannot be removed."));
        }

        return next > App.MaxUnitsPerProcess
            ? (current, string.Create(CultureInfo.InvariantCulture, $"Process '{process}' of app '{app.Name}' has {current} unit(s); adding {delta} would pass the limit of {App.MaxUnitsPerProcess}."))
            : (next, null);
    }

    /// <summary>The process named, checked against the serving version; when none is named, the version's web process.</summary>
    private static async Task<(string? Process, ProblemHttpResult? Problem)> ProcessAsync(App app, string? requested, AppVersionStore versions, CancellationToken cancellationToken)
    {
        var version = app.CurrentVersion is { } number ? await versions.GetAsync(app.Name, number, cancellationToken) : null;
        if (version is null)
        {
            // Nothing deployed yet: the count waits for the first deploy, whose processes are not known yet.
            return (requested ?? "web", null);
        }

        var has = string.Join(", ", version.Processes.Keys.Order(StringComparer.Ordinal));
        if (requested is not null)
        {
            return version.Processes.ContainsKey(requested)
                ? (requested, null)
                : (null, ApiProblems.Invalid($"Version {version.Number} of app '{app.Name}' has no process '{requested}'; it has {has}."));
        }

        var web = version.Processes.ContainsKey("web") ? "web" : version.Processes.Count == 1 ? version.Processes.Keys.First() : null;
        return web is not null
            ? (web, null)
            : (null, ApiProblems.Invalid($"Name the process: version {version.Number} of app '{app.Name}' has {has}."));
    }
}
