using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Infra.Jobs;
using Stratus.Api.Security;
using Stratus.Apps.Jobs;
using Stratus.Apps.Names;
using Stratus.Apps.Plans;
using Stratus.Apps.Pools;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.AppJobs;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Api.Apps.Jobs;

/// <summary>
/// Tsuru's jobs: <c>/jobs</c> CRUD, trigger, runs and their logs. (Terrakube's workspace jobs live under
/// <c>/organizations/{org}/workspaces/{ws}/jobs</c>, so the top-level <c>/jobs</c> is free, as in Tsuru.) Access is
/// an app's: a job sits in its team and pool (<see cref="JobScopeParentResolver"/>).
/// </summary>
internal static class AppJobsApi
{
    public const string Route = "/jobs/{job:appname}";
    private const string Example = """{"name": "nightly-report", "teamOwner": "web", "pool": "local", "container": {"image": "docker.io/library/busybox:1.36", "command": ["sh", "-c", "echo hi"]}, "schedule": "0 3 * * *"}""";

    public static RouteGroupBuilder MapAppJobsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Jobs (apps)");
        group.MapGet("/", ListJobs)
            .WithName("ListAppJobs")
            .WithSummary("The jobs the caller may read, optionally of one pool or team, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapPost("/", CreateJob)
            .WithName("CreateAppJob")
            .WithSummary("Creates a job owned by a team, in a pool: a container (image, or an app's serving image) run on a cron schedule or when triggered.")
            .Accepts<AppJobRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();

        var job = api.MapGroup(Route).WithTags("Jobs (apps)").ProducesProblem(StatusCodes.Status404NotFound);
        job.MapGet("/", GetJob)
            .WithName("GetAppJob")
            .WithSummary("A job: its spec and when it fires next.")
            .RequirePermission(PermissionNames.AppJobRead, ScopeKind.Job, "job");
        job.MapPut("/", UpdateJob)
            .WithName("UpdateAppJob")
            .WithSummary("Changes a job's container, schedule (or manual), plan, description, tags, concurrency policy, deadline or backoff limit.")
            .Accepts<AppJobRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.AppJobUpdate, ScopeKind.Job, "job");
        job.MapDelete("/", DeleteJob)
            .WithName("DeleteAppJob")
            .WithSummary("Removes a job with its env, run history and run logs.")
            .RequirePermission(PermissionNames.AppJobDelete, ScopeKind.Job, "job");
        job.MapPost("/trigger", TriggerJob)
            .WithName("TriggerAppJob")
            .WithSummary("Starts a run now (manual or scheduled job alike), subject to the job's concurrency policy.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppJobRun, ScopeKind.Job, "job");
        job.MapGet("/runs", ListRuns)
            .WithName("ListAppJobRuns")
            .WithSummary("The job's runs, newest first, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.AppJobRead, ScopeKind.Job, "job");
        job.MapGet("/runs/{id}", GetRun)
            .WithName("GetAppJobRun")
            .WithSummary("One run: status, times, image, exit code, attempts, error.")
            .RequirePermission(PermissionNames.AppJobRead, ScopeKind.Job, "job");
        job.MapGet("/runs/{id}/log", GetRunLog)
            .WithName("GetAppJobRunLog")
            .WithSummary("A run's log (text); ?follow=true streams it until the run ends.")
            .Produces<string>(StatusCodes.Status200OK, StepLogReader.ContentType)
            .RequirePermission(PermissionNames.AppJobRead, ScopeKind.Job, "job");
        job.MapGet("/log", GetLatestLog)
            .WithName("GetAppJobLog")
            .WithSummary("The latest run's log (Tsuru's job log); ?follow=true streams it until the run ends.")
            .Produces<string>(StatusCodes.Status200OK, StepLogReader.ContentType)
            .RequirePermission(PermissionNames.AppJobRead, ScopeKind.Job, "job");
        return api.MapAppJobEnvApi();
    }

    /// <remarks>As for apps, read access is checked per job after the page is read: follow <c>continuation</c> to the end.</remarks>
    internal static async Task<Results<Ok<PageResponse<AppJobResponse>>, ProblemHttpResult>> ListJobs(
        HttpContext context, AppJobStore jobs, AccessEvaluator access, string? pool, string? team, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        return await Paging.PageAsync(limit, async size =>
        {
            var page = await jobs.ListAsync(pool, team, size, continuation, cancellationToken);
            var allowed = new List<AppJob>();
            foreach (var job in page.Items)
            {
                if (await access.IsAllowedAsync(caller, PermissionNames.AppJobRead, Scope.Of(ScopeKind.Job, job.Name), cancellationToken))
                {
                    allowed.Add(job);
                }
            }

            return page with { Items = allowed };
        }, AppJobResponse.From);
    }

    internal static async Task<Results<Created<AppJobResponse>, ProblemHttpResult>> CreateJob(
        HttpContext context, AppJobStore jobs, PoolStore pools, PlanStore plans, AccessEvaluator access, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<AppJobRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        // The body is checked before the team's permission: a malformed request is a 400 whoever sends it.
        if (AppNames.AppProblem(body!.Name) is { } badName)
        {
            return ApiProblems.Invalid(badName.Replace("app name", "job name ('name')", StringComparison.Ordinal));
        }

        var caller = context.GetCaller();
        var team = body.TeamOwner ?? (caller.Teams.Count == 1 ? caller.Teams[0] : null);
        if (team is null)
        {
            return ApiProblems.Invalid($"Name the owning team in 'teamOwner' (you are in {caller.Teams.Count} teams, so it cannot be chosen for you). Example: {Example}");
        }

        var draft = new AppJob(
            body.Name!, team, body.Pool ?? "default", body.Plan ?? "default", body.Description, body.Tags ?? [],
            new AppJobContainer(body.Container?.Image, body.Container?.App, body.Container?.Command ?? []),
            body.Schedule, body.Manual ?? false, body.ConcurrencyPolicy ?? AppJobConcurrency.Allow,
            body.ActiveDeadlineSeconds is null or 0 ? AppJob.DefaultActiveDeadlineSeconds : body.ActiveDeadlineSeconds.Value, body.BackoffLimit, CreatedBy: caller.Describe());
        if (draft.Problem() is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        if (!await access.IsAllowedAsync(caller, PermissionNames.AppJobCreate, Scope.Of(ScopeKind.Team, team), cancellationToken))
        {
            return ApiProblems.Forbidden($"Creating jobs for team '{team}' needs the '{PermissionNames.AppJobCreate}' permission on 'team:{team}'.");
        }

        if (draft.Container.App is { } app && !await access.IsAllowedAsync(caller, PermissionNames.AppRead, Scope.Of(ScopeKind.App, app), cancellationToken))
        {
            return ApiProblems.Forbidden($"A job that runs app '{app}''s image needs the '{PermissionNames.AppRead}' permission on 'app:{app}'.");
        }

        var pool = body.Pool is { } poolName ? await pools.GetAsync(poolName, cancellationToken) : await pools.GetDefaultAsync(cancellationToken);
        if (pool is null)
        {
            return ApiProblems.Invalid(body.Pool is null ? "There is no default pool. Name one in 'pool'." : $"'pool': there is no pool named '{body.Pool}'.");
        }

        if (!pool.Allows(team))
        {
            return ApiProblems.Invalid($"'pool': pool '{pool.Name}' is not open to team '{team}'; it allows {string.Join(", ", pool.Teams)}.");
        }

        var plan = body.Plan is { } planName ? await plans.GetAsync(planName, cancellationToken) : await plans.GetDefaultAsync(cancellationToken);
        if (body.Plan is not null && plan is null)
        {
            return ApiProblems.Invalid($"'plan': there is no plan named '{body.Plan}'.");
        }

        try
        {
            var created = await jobs.CreateAsync(draft with { Pool = pool.Name, Plan = plan?.Name ?? "default" }, cancellationToken);
            return TypedResults.Created($"/api/v1/jobs/{created.Name}", AppJobResponse.From(created));
        }
        catch (AppJobConflictException)
        {
            return ApiProblems.Conflict($"A job named '{draft.Name}' exists already. Job names are unique across teams.");
        }
    }

    internal static async Task<Results<Ok<AppJobResponse>, ProblemHttpResult>> GetJob(string job, AppJobStore jobs, CancellationToken cancellationToken) =>
        await jobs.GetAsync(job, cancellationToken) is { } found ? TypedResults.Ok(AppJobResponse.From(found)) : AppJobProblems.NoJob(job);

    internal static async Task<Results<Ok<AppJobResponse>, ProblemHttpResult>> UpdateJob(
        string job, HttpContext context, AppJobStore jobs, PlanStore plans, AccessEvaluator access, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<AppJobRequest>(context.Request, """{"schedule": "*/30 * * * *"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != job)
        {
            return ApiProblems.Invalid($"The body names job '{body.Name}' but the URL names '{job}'; jobs cannot be renamed.");
        }

        if (body.TeamOwner is not null || body.Pool is not null)
        {
            return ApiProblems.Invalid("A job's 'teamOwner' and 'pool' are fixed at creation; create a new job to move it.");
        }

        if (body.Plan is { } plan && await plans.GetAsync(plan, cancellationToken) is null)
        {
            return ApiProblems.Invalid($"'plan': there is no plan named '{plan}'.");
        }

        if (body.Container?.App is { } app && !await access.IsAllowedAsync(context.GetCaller(), PermissionNames.AppRead, Scope.Of(ScopeKind.App, app), cancellationToken))
        {
            return ApiProblems.Forbidden($"A job that runs app '{app}''s image needs the '{PermissionNames.AppRead}' permission on 'app:{app}'.");
        }

        try
        {
            var updated = await jobs.UpdateAsync(job, j => Apply(j, body), cancellationToken);
            return updated is null ? AppJobProblems.NoJob(job) : TypedResults.Ok(AppJobResponse.From(updated));
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    /// <summary>Tsuru's update rules: a schedule turns a manual job into a scheduled one; <c>manual: true</c> drops the schedule.</summary>
    internal static AppJob Apply(AppJob j, AppJobRequest body)
    {
        var manual = body.Manual == true || (body.Manual is null && body.Schedule is null && j.Manual);
        var container = body.Container is not { } c
            ? j.Container
            : new AppJobContainer(
                c.Image ?? (c.App is null ? j.Container.Image : null),
                c.App ?? (c.Image is null ? j.Container.App : null),
                c.Command ?? j.Container.Command);
        return j with
        {
            Description = body.Description ?? j.Description,
            Plan = body.Plan ?? j.Plan,
            Tags = body.Tags ?? j.Tags,
            Container = container,
            Manual = manual,
            Schedule = manual ? null : body.Schedule ?? j.Schedule,
            ConcurrencyPolicy = body.ConcurrencyPolicy ?? j.ConcurrencyPolicy,
            ActiveDeadlineSeconds = body.ActiveDeadlineSeconds is { } deadline ? (deadline == 0 ? AppJob.DefaultActiveDeadlineSeconds : deadline) : j.ActiveDeadlineSeconds,
            BackoffLimit = body.BackoffLimit ?? j.BackoffLimit,
        };
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteJob(string job, AppJobLogs jobs, CancellationToken cancellationToken) =>
        await jobs.DeleteJobAsync(job, cancellationToken) ? TypedResults.NoContent() : AppJobProblems.NoJob(job);

    internal static async Task<Results<Accepted<AppJobRunResponse>, ProblemHttpResult>> TriggerJob(
        string job, HttpContext context, AppJobStore jobs, AppJobTrigger trigger, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(job, cancellationToken) is not { } found)
        {
            return AppJobProblems.NoJob(job);
        }

        var result = await trigger.TriggerAsync(found, context.GetCaller().Describe(), cancellationToken);
        return result.Run is { } run
            ? TypedResults.Accepted($"/api/v1/jobs/{job}/runs/{run.Id}", AppJobRunResponse.From(run))
            : ApiProblems.Conflict(result.Skipped ?? "The run could not start.");
    }

    internal static async Task<Results<Ok<PageResponse<AppJobRunResponse>>, ProblemHttpResult>> ListRuns(
        string job, AppJobStore jobs, AppJobRunStore runs, int? limit, string? continuation, CancellationToken cancellationToken) =>
        await Paging.PageAsync(
            limit,
            size => runs.ListAsync(job, size, continuation, cancellationToken),
            AppJobRunResponse.From,
            async () => await jobs.GetAsync(job, cancellationToken) is null ? AppJobProblems.NoJob(job) : null);

    internal static async Task<Results<Ok<AppJobRunResponse>, ProblemHttpResult>> GetRun(string job, string id, AppJobRunStore runs, CancellationToken cancellationToken) =>
        await runs.GetAsync(job, id, cancellationToken) is { } run ? TypedResults.Ok(AppJobRunResponse.From(run)) : AppJobProblems.NoRun(job, id);

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult, EmptyHttpResult>> GetRunLog(
        string job, string id, bool? follow, HttpContext context, AppJobRunStore runs, IStorageAccount storage, CancellationToken cancellationToken) =>
        await runs.GetAsync(job, id, cancellationToken) is { } run
            ? await LogAsync(run, follow == true, context, runs, storage, cancellationToken)
            : AppJobProblems.NoRun(job, id);

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult, EmptyHttpResult>> GetLatestLog(
        string job, bool? follow, HttpContext context, AppJobStore jobs, AppJobRunStore runs, IStorageAccount storage, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(job, cancellationToken) is null)
        {
            return AppJobProblems.NoJob(job);
        }

        var latest = (await runs.ListAsync(job, 1, null, cancellationToken)).Items;
        return latest.Count == 0
            ? ApiProblems.NotFound($"Job '{job}' has not run yet. Trigger it: POST /api/v1/jobs/{job}/trigger.")
            : await LogAsync(latest[0], follow == true, context, runs, storage, cancellationToken);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, EmptyHttpResult>> LogAsync(
        AppJobRun run, bool follow, HttpContext context, AppJobRunStore runs, IStorageAccount storage, CancellationToken cancellationToken)
    {
        var log = new StepLogReader(storage, run.LogBlob);
        if (!follow)
        {
            return TypedResults.Bytes(await log.ReadAllAsync(ansi: true, cancellationToken), StepLogReader.ContentType);
        }

        context.Response.ContentType = StepLogReader.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await log.FollowAsync(
            context.Response,
            async () => await runs.GetAsync(run.Job, run.Id, cancellationToken) is not { } current || !AppJobRunStatus.IsActive(current.Status),
            ansi: true,
            cancellationToken);
        return TypedResults.Empty;
    }
}
