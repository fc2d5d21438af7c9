using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Names;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.Apps;
using Stratus.Storage;

namespace Stratus.Api.Apps.Env;

/// <summary>
/// An app's environment (Tsuru's <c>env get/set/unset</c>). Changes run as operations under the app's lock: the
/// variables are written only once the lock is held, then the serving version restarts with them, or, with
/// <c>noRestart</c>, the event ends at once and they apply at the next deploy or restart. Private values are
/// encrypted at rest and never echoed back.
/// </summary>
internal static class AppEnvApi
{
    private const string Example = """{"envs": [{"name": "DATABASE_URL", "value": "postgres://…", "private": true}], "noRestart": false}""";

    public static RouteGroupBuilder MapAppEnvApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/env", GetEnv)
            .WithName("GetAppEnv")
            .WithSummary("The app's environment variables, by name; private values are shown as null.")
            .RequirePermission(PermissionNames.AppEnvRead, ScopeKind.App, "app");
        app.MapPost("/env", SetEnv)
            .WithName("SetAppEnv")
            .WithSummary("Sets environment variables (optionally private, optionally pruning the others) and restarts the app with them unless noRestart.")
            .Accepts<EnvSetRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppEnvSet, ScopeKind.App, "app");
        app.MapDelete("/env", UnsetEnv)
            .WithName("UnsetAppEnv")
            .WithSummary("Removes environment variables (?env=A&env=B) and restarts the app without them unless noRestart.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppEnvSet, ScopeKind.App, "app");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<EnvVarResponse>>, ProblemHttpResult>> GetEnv(string app, AppStore apps, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<EnvVarResponse> envs = (await apps.GetEnvAsync(app, cancellationToken)).Select(EnvVarResponse.From).ToList();
            return TypedResults.Ok(envs);
        }
        catch (AppNotFoundException)
        {
            return AppProblems.NoApp(app);
        }
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> SetEnv(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<EnvSetRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Envs is not { Count: > 0 } requested)
        {
            return ApiProblems.Invalid($"Name at least one variable in 'envs'. Example: {Example}");
        }

        // Every variable is checked before anything is written, so a bad one leaves the env as it was.
        var envs = new List<EnvVar>(requested.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in requested)
        {
            if (item is null)
            {
                return ApiProblems.Invalid($"'envs' holds a null; each item is an object such as {{\"name\": \"LOG_LEVEL\", \"value\": \"debug\"}}.");
            }

            var env = new EnvVar(item.Name ?? "", item.Value, item.Private ?? body.Private ?? false);
            if (env.Problem() is { } invalid)
            {
                return ApiProblems.Invalid(invalid);
            }

            if (!seen.Add(env.Name))
            {
                return ApiProblems.Invalid($"The environment variable '{env.Name}' is named twice in 'envs'; name each once.");
            }

            envs.Add(env);
        }

        if (envs.Count > StorageLimits.MaxTransactionActions)
        {
            return ApiProblems.Invalid($"This request sets {envs.Count} environment variables; at most {StorageLimits.MaxTransactionActions} change at once. Split it.");
        }

        if (await apps.GetAsync(app, cancellationToken) is null)
        {
            return AppProblems.NoApp(app);
        }

        var names = string.Join(", ", envs.Select(e => e.Name));
        var pruneUnused = body.PruneUnused ?? false;
        return await StartAsync(
            starter, context, app, AppOperationKinds.EnvSet, $"set {names}{(pruneUnused ? " (pruning the others)" : "")}", wait, body.NoRestart ?? false,
            ct => apps.SetEnvAsync(app, envs, pruneUnused, ct), cancellationToken);
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> UnsetEnv(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, [FromQuery(Name = "env")] string[]? env, bool? noRestart, int? wait,
        CancellationToken cancellationToken)
    {
        var names = (env ?? []).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return ApiProblems.Invalid("Name the variables to remove: DELETE /api/v1/apps/{app}/env?env=A&env=B.");
        }

        if (names.Select(AppNames.EnvProblem).FirstOrDefault(p => p is not null) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        if (names.Count > StorageLimits.MaxTransactionActions)
        {
            return ApiProblems.Invalid($"This request removes {names.Count} environment variables; at most {StorageLimits.MaxTransactionActions} change at once. Split it.");
        }

        if (await apps.GetAsync(app, cancellationToken) is null)
        {
            return AppProblems.NoApp(app);
        }

        return await StartAsync(
            starter, context, app, AppOperationKinds.EnvUnset, $"unset {string.Join(", ", names)}", wait, noRestart ?? false,
            ct => apps.UnsetEnvAsync(app, names, ct), cancellationToken);
    }

    private static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> StartAsync(
        AppOperationStarter starter, HttpContext context, string app, string kind, string message, int? wait, bool noRestart, Func<CancellationToken, Task> change,
        CancellationToken cancellationToken)
    {
        try
        {
            return await AppOperationResults.StartAsync(
                starter, context, app, kind, DeployOrigins.AppDeploy, message, null, null, null, wait, cancellationToken, change, rollout: !noRestart);
        }
        catch (AppNotFoundException)
        {
            // Removed between the check and the lock; the starter closed the event as failed.
            return AppProblems.NoApp(app);
        }
        catch (InvalidAppRequestException ex)
        {
            // E.g. pruning would remove more variables than one transaction holds; the starter closed the event as failed.
            return ApiProblems.Invalid(ex.Message);
        }
    }
}
