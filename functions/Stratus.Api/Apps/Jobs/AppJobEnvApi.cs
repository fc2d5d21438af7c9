using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Api.Api;
using Stratus.Api.Apps.Env;
using Stratus.Api.Security;
using Stratus.Apps.Apps;
using Stratus.Apps.Jobs;
using Stratus.Apps.Names;
using Stratus.Identity.Authorization;
using Stratus.Storage;

namespace Stratus.Api.Apps.Jobs;

/// <summary>
/// A job's environment (Tsuru's <c>job env get/set/unset</c>): the same body as an app's, applied at the job's next
/// run (there is nothing to restart, so <c>noRestart</c> is accepted and has no effect). Private values are encrypted
/// at rest, never echoed, and masked in run logs.
/// </summary>
internal static class AppJobEnvApi
{
    private const string Example = """{"envs": [{"name": "REPORT_BUCKET", "value": "…", "private": true}]}""";

    public static RouteGroupBuilder MapAppJobEnvApi(this RouteGroupBuilder api)
    {
        var job = api.MapGroup(AppJobsApi.Route).WithTags("Jobs (apps)").ProducesProblem(StatusCodes.Status404NotFound);
        job.MapGet("/env", GetEnv)
            .WithName("GetAppJobEnv")
            .WithSummary("The job's environment variables, by name; private values are shown as null.")
            .RequirePermission(PermissionNames.AppJobRead, ScopeKind.Job, "job");
        job.MapPost("/env", SetEnv)
            .WithName("SetAppJobEnv")
            .WithSummary("Sets environment variables (optionally private, optionally pruning the others); the next run sees them.")
            .Accepts<EnvSetRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.AppJobUpdate, ScopeKind.Job, "job");
        job.MapDelete("/env", UnsetEnv)
            .WithName("UnsetAppJobEnv")
            .WithSummary("Removes environment variables (?env=A&env=B).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.AppJobUpdate, ScopeKind.Job, "job");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<EnvVarResponse>>, ProblemHttpResult>> GetEnv(string job, AppJobStore jobs, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<EnvVarResponse> envs = (await jobs.GetEnvAsync(job, cancellationToken)).Select(EnvVarResponse.From).ToList();
            return TypedResults.Ok(envs);
        }
        catch (AppJobNotFoundException)
        {
            return AppJobProblems.NoJob(job);
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<EnvVarResponse>>, ProblemHttpResult>> SetEnv(string job, HttpContext context, AppJobStore jobs, CancellationToken cancellationToken)
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
        foreach (var (item, index) in requested.Select((e, i) => (e, i)))
        {
            if (item is null)
            {
                return ApiProblems.Invalid($"'envs[{index}]' is null; each item is an object such as {{\"name\": \"LOG_LEVEL\", \"value\": \"debug\"}}.");
            }

            var env = new EnvVar(item.Name ?? "", item.Value, item.Private ?? body.Private ?? false);
            if (env.Problem() is { } invalid)
            {
                return ApiProblems.Invalid($"'envs[{index}]': {invalid}");
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

        try
        {
            await jobs.SetEnvAsync(job, envs, body.PruneUnused ?? false, cancellationToken);
            return await GetEnv(job, jobs, cancellationToken);
        }
        catch (AppJobNotFoundException)
        {
            return AppJobProblems.NoJob(job);
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<EnvVarResponse>>, ProblemHttpResult>> UnsetEnv(
        string job, AppJobStore jobs, [FromQuery(Name = "env")] string[]? env, CancellationToken cancellationToken)
    {
        var names = (env ?? []).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return ApiProblems.Invalid("Name the variables to remove: DELETE /api/v1/jobs/{job}/env?env=A&env=B.");
        }

        if (names.Select(AppNames.EnvProblem).FirstOrDefault(p => p is not null) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        if (names.Count > StorageLimits.MaxTransactionActions)
        {
            return ApiProblems.Invalid($"This request removes {names.Count} environment variables; at most {StorageLimits.MaxTransactionActions} change at once. Split it.");
        }

        try
        {
            await jobs.UnsetEnvAsync(job, names, cancellationToken);
            return await GetEnv(job, jobs, cancellationToken);
        }
        catch (AppJobNotFoundException)
        {
            return AppJobProblems.NoJob(job);
        }
    }
}
