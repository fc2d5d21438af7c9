using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Apps.Apps;
using Stratus.Apps.Certificates;
using Stratus.Apps.Deploys;
using Stratus.Apps.Names;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Cnames;

/// <summary>
/// An app's cnames (Tsuru's <c>cname add/remove</c>). A cname routes to one app only. The change is stored under the
/// app's lock and rolled out, which re-routes the app with its new host names.
/// </summary>
internal static class AppCnamesApi
{
    private const string Example = """{"cname": ["www.example.com"]}""";

    public static RouteGroupBuilder MapAppCnamesApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppCnameManage, ScopeKind.App, "app");
        app.MapPost("/cname", AddCnames)
            .WithName("AddAppCnames")
            .WithSummary("Adds host names the app answers to; a name another app has is refused with 409.")
            .Accepts<CnameRequest>("application/json");
        app.MapDelete("/cname", RemoveCnames)
            .WithName("RemoveAppCnames")
            .WithSummary("Removes host names from the app (?cname=a.example.com&cname=b.example.com).");
        return api;
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> AddCnames(
        string app, HttpContext context, AppStore apps, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CnameRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Cname is not { Count: > 0 } requested)
        {
            return ApiProblems.Invalid($"Name at least one host name in 'cname'. Example: {Example}");
        }

        if (requested.Select(AppNames.CNameProblem).FirstOrDefault(p => p is not null) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var cnames = requested.Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
        if (await apps.GetAsync(app, cancellationToken) is null)
        {
            return AppProblems.NoApp(app);
        }

        // A scan of every app: cnames are few, and the router needs each host name to lead to one app.
        foreach (var other in await apps.ListAsync(null, null, cancellationToken))
        {
            if (other.Name != app && other.CNames.FirstOrDefault(cnames.Contains) is { } taken)
            {
                return ApiProblems.Conflict($"The cname '{taken}' belongs to app '{other.Name}'; remove it there first.");
            }
        }

        return await StartAsync(starter, context, app, $"add {string.Join(", ", cnames)}", wait, cancellationToken, async ct =>
        {
            var updated = await apps.UpdateAsync(app, a => a with { CNames = a.CNames.Concat(cnames.Where(c => !a.CNames.Contains(c))).ToList() }, ct);
            _ = updated ?? throw new AppNotFoundException(app);
        });
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> RemoveCnames(
        string app, HttpContext context, AppStore apps, AppCertificateStore certificates, AppOperationStarter starter, [FromQuery(Name = "cname")] string[]? cname, int? wait,
        CancellationToken cancellationToken)
    {
        var cnames = (cname ?? []).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
        if (cnames.Count == 0)
        {
            return ApiProblems.Invalid("Name the host names to remove: DELETE /api/v1/apps/{app}/cname?cname=www.example.com.");
        }

        if (cnames.Select(AppNames.CNameProblem).FirstOrDefault(p => p is not null) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        if (cnames.FirstOrDefault(c => !found.CNames.Contains(c)) is { } missing)
        {
            return ApiProblems.Invalid(found.CNames.Count == 0
                ? $"App '{app}' has no cname '{missing}'; it has none."
                : $"App '{app}' has no cname '{missing}'; it has {string.Join(", ", found.CNames)}.");
        }

        return await StartAsync(starter, context, app, $"remove {string.Join(", ", cnames)}", wait, cancellationToken, async ct =>
        {
            var updated = await apps.UpdateAsync(app, a => a with { CNames = a.CNames.Where(c => !cnames.Contains(c)).ToList() }, ct);
            _ = updated ?? throw new AppNotFoundException(app);
            // A removed cname's certificate or issuer goes with it, so adding the name back starts without one.
            foreach (var removed in cnames)
            {
                await certificates.DeleteAsync(app, removed, ct);
            }
        });
    }

    private static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> StartAsync(
        AppOperationStarter starter, HttpContext context, string app, string message, int? wait, CancellationToken cancellationToken, Func<CancellationToken, Task> change)
    {
        try
        {
            return await AppOperationResults.StartAsync(
                starter, context, app, AppOperationKinds.Cname, DeployOrigins.AppDeploy, message, null, null, null, wait, cancellationToken, change);
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
}
