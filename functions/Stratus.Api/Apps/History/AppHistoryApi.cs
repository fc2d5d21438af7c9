using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Versions;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Apps.History;

/// <summary>An app's deploy history and its versions (the rollback targets); both go with the app when it is removed.</summary>
internal static class AppHistoryApi
{
    public static RouteGroupBuilder MapAppHistoryApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        app.MapGet("/deploys", ListDeploys)
            .WithName("ListAppDeploys")
            .WithSummary("The app's deploys and rollbacks, newest first (?skip=, ?limit=).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet("/deploys/{id}", GetDeploy)
            .WithName("GetAppDeploy")
            .WithSummary("One deploy of the app: version, image, who, where from, how long, and whether it is a rollback target.");
        app.MapGet("/versions", ListVersions)
            .WithName("ListAppVersions")
            .WithSummary("The app's versions, newest first, with their images, processes and whether they can be rolled back to.");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<DeployResponse>>, ProblemHttpResult>> ListDeploys(
        string app, int? skip, int? limit, AppStore apps, DeployStore deploys, CancellationToken cancellationToken)
    {
        if (skip is < 0)
        {
            return ApiProblems.Invalid("skip counts deploys to leave out: 0 or more.");
        }

        var (size, problem) = ApiProblems.PageSize(limit);
        if (problem is not null)
        {
            return problem;
        }

        if (await apps.GetAsync(app, cancellationToken) is null)
        {
            return AppProblems.NoApp(app);
        }

        IReadOnlyList<DeployResponse> found = (await deploys.ListAsync(app, skip ?? 0, size, cancellationToken)).Select(DeployResponse.From).ToList();
        return TypedResults.Ok(found);
    }

    internal static async Task<Results<Ok<DeployResponse>, ProblemHttpResult>> GetDeploy(string app, string id, DeployStore deploys, CancellationToken cancellationToken) =>
        await deploys.GetAsync(id, cancellationToken) is { } found && found.App == app
            ? TypedResults.Ok(DeployResponse.From(found))
            : ApiProblems.NotFound($"App '{app}' has no deploy '{id}'. GET /api/v1/apps/{app}/deploys lists them.");

    internal static async Task<Results<Ok<IReadOnlyList<AppVersionResponse>>, ProblemHttpResult>> ListVersions(
        string app, AppStore apps, AppVersionStore versions, CancellationToken cancellationToken)
    {
        if (await apps.GetAsync(app, cancellationToken) is null)
        {
            return AppProblems.NoApp(app);
        }

        IReadOnlyList<AppVersionResponse> found = (await versions.ListAsync(app, cancellationToken)).Select(AppVersionResponse.From).ToList();
        return TypedResults.Ok(found);
    }
}
