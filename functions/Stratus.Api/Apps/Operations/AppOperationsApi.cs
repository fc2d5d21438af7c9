using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Versions;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Operations;

/// <summary>
/// Operations that change what runs: deploy, rollback, start, stop, restart and remove. Each is an event and a durable
/// orchestration under the app's lock; the answer is 202 with the event, or 409 naming the operation that holds the app.
/// </summary>
internal static class AppOperationsApi
{
    public static RouteGroupBuilder MapAppOperationsApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/deploy", Deploy)
            .WithName("DeployApp")
            .WithSummary("Builds and deploys a new version from a tar.gz (multipart 'file' or a gzip body), an image, a Dockerfile or an archive URL.")
            .WithMetadata(new DeployArchiveSizeLimit())
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppDeploy, ScopeKind.App, "app");
        app.MapPost("/deploy/rollback", Rollback)
            .WithName("RollbackApp")
            .WithSummary("Rolls back to an earlier successful version (by number or image), without a build.")
            .Accepts<RollbackRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppRollback, ScopeKind.App, "app");
        app.MapPut("/deploy/rollback/update", UpdateRollback)
            .WithName("UpdateAppRollback")
            .WithSummary("Disables a version as a rollback target (with a reason), or enables it again.")
            .Accepts<RollbackUpdateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.AppRollback, ScopeKind.App, "app");
        app.MapPost("/start", Start)
            .WithName("StartApp")
            .WithSummary("Starts a stopped app's units.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppRestart, ScopeKind.App, "app");
        app.MapPost("/stop", Stop)
            .WithName("StopApp")
            .WithSummary("Stops the app's units (the unit counts are kept for the next start).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppRestart, ScopeKind.App, "app");
        app.MapPost("/restart", Restart)
            .WithName("RestartApp")
            .WithSummary("Replaces every unit with a fresh one of the same version, waiting for health before removing the old ones.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppRestart, ScopeKind.App, "app");
        api.MapDelete(AppsApi.Route, Remove)
            .WithName("RemoveApp")
            .WithSummary("Removes the app and everything it owns: units, routes, versions, env and history.")
            .WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppDelete, ScopeKind.App, "app");
        return api;
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> Deploy(
        string app, HttpContext context, AppStore apps, DeploySourceReader reader, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        if (await apps.GetAsync(app, cancellationToken) is null)
        {
            return AppProblems.NoApp(app);
        }

        var read = await reader.ReadAsync(context.Request, app, cancellationToken);
        if (read.Problem is not null)
        {
            return ApiProblems.Invalid(read.Problem);
        }

        return await AppOperationResults.StartAsync(starter, context, app, AppOperationKinds.Deploy, read.Origin, read.Message, read.Source, null, read.Source!.Image, wait, cancellationToken);
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> Rollback(
        string app, HttpContext context, AppStore apps, AppVersionStore versions, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<RollbackRequest>(context.Request, """{"version": 3}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        if ((body!.Version is null) == (body.Image is null))
        {
            return ApiProblems.Invalid("Name the version to roll back to, by 'version' (a number) or by 'image', but not both. GET /api/v1/apps/{app}/versions lists them.");
        }

        var all = await versions.ListAsync(app, cancellationToken);
        var target = body.Version is { } number ? all.FirstOrDefault(v => v.Number == number) : all.FirstOrDefault(v => v.Image == body.Image);
        if (target is null)
        {
            return ApiProblems.NotFound($"App '{app}' has no version {(body.Version is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"with image '{body.Image}'")}.");
        }

        if (!target.CanRollbackTo)
        {
            return ApiProblems.Invalid(target.Disabled
                ? $"Version {target.Number} is disabled for rollback: {target.DisabledReason}"
                : $"Version {target.Number} never deployed successfully ({target.Status}); only successful versions are rollback targets.");
        }

        if (target.Number == found.CurrentVersion)
        {
            return ApiProblems.Invalid($"Version {target.Number} is the one serving already.");
        }

        return await AppOperationResults.StartAsync(starter, context, app, AppOperationKinds.Rollback, DeployOrigins.Rollback, body.Message, null, target.Number, target.Image, wait, cancellationToken);
    }

    internal static async Task<Results<Ok<AppVersionResponse>, ProblemHttpResult>> UpdateRollback(
        string app, HttpContext context, AppVersionStore versions, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<RollbackUpdateRequest>(context.Request, """{"version": 3, "disable": true, "reason": "leaks memory"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Version is not { } number || body.Disable is not { } disable)
        {
            return ApiProblems.Invalid("Give 'version' (a number) and 'disable' (true or false), and a 'reason' when disabling.");
        }

        if (disable && string.IsNullOrWhiteSpace(body.Reason))
        {
            return ApiProblems.Invalid("Say why the version is disabled in 'reason'; it is shown to whoever tries to roll back to it.");
        }

        var updated = await versions.DisableAsync(app, number, disable, disable ? body.Reason : null, cancellationToken);
        return updated is null ? ApiProblems.NotFound($"App '{app}' has no version {number}.") : TypedResults.Ok(AppVersionResponse.From(updated));
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> Start(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, int? wait, CancellationToken cancellationToken) =>
        await apps.GetAsync(app, cancellationToken) is null
            ? AppProblems.NoApp(app)
            : await AppOperationResults.StartAsync(starter, context, app, AppOperationKinds.Start, DeployOrigins.AppDeploy, null, null, null, null, wait, cancellationToken);

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> Stop(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, int? wait, CancellationToken cancellationToken) =>
        await apps.GetAsync(app, cancellationToken) is null
            ? AppProblems.NoApp(app)
            : await AppOperationResults.StartAsync(starter, context, app, AppOperationKinds.Stop, DeployOrigins.AppDeploy, null, null, null, null, wait, cancellationToken);

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> Restart(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, int? wait, CancellationToken cancellationToken) =>
        await apps.GetAsync(app, cancellationToken) is null
            ? AppProblems.NoApp(app)
            : await AppOperationResults.StartAsync(starter, context, app, AppOperationKinds.Restart, DeployOrigins.AppDeploy, null, null, null, null, wait, cancellationToken);

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> Remove(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, int? wait, CancellationToken cancellationToken) =>
        await apps.GetAsync(app, cancellationToken) is null
            ? AppProblems.NoApp(app)
            : await AppOperationResults.StartAsync(starter, context, app, AppOperationKinds.Remove, DeployOrigins.AppDeploy, null, null, null, null, wait, cancellationToken);
}
