using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Jobs;
using Stratus.Infra.Workspaces;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Api.Infra.Jobs;

/// <summary>
/// Jobs of a workspace: create from a template (queued first in first out and picked up at once), read with steps,
/// approve or reject (members of the template's approval team only), cancel in any state, and follow a step's log.
/// </summary>
internal static class JobsApi
{
    private const string Example = """{"template": "plan-and-apply"}""";
    private const string JobRoute = "/{jobId:int}";

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Workspace + "/jobs").WithTags("Jobs")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListJobs)
            .WithName("ListJobs")
            .WithSummary("A workspace's jobs, newest first, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.JobRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost("/", CreateJob)
            .WithName("CreateJob")
            .WithSummary("Queues a job from a template; a template that applies or destroys needs job.apply as well.")
            .Accepts<CreateJobRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.JobPlan, ScopeKind.Workspace, "organization", "workspace");
        group.MapGet(JobRoute, GetJob)
            .WithName("GetJob")
            .WithSummary("A job with its steps, plan result, outputs and log links.")
            .RequirePermission(PermissionNames.JobRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost(JobRoute + "/approve", Approve)
            .WithName("ApproveJob")
            .WithSummary("Approves a job waiting for approval (members of its approval team).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.JobApprove, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost(JobRoute + "/reject", Reject)
            .WithName("RejectJob")
            .WithSummary("Rejects a job waiting for approval (members of its approval team).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.JobApprove, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost(JobRoute + "/cancel", Cancel)
            .WithName("CancelJob")
            .WithSummary("Cancels a job in any state; a running terraform is stopped.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.JobManage, ScopeKind.Workspace, "organization", "workspace");
        group.MapGet(JobRoute + "/steps/{step:int}/log", GetStepLog)
            .WithName("GetJobStepLog")
            .WithSummary("A step's log as text/plain, terminal colours kept (?ansi=false removes every control sequence); with ?follow=true it streams until the step ends.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .RequirePermission(PermissionNames.JobRead, ScopeKind.Workspace, "organization", "workspace");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<JobResponse>>, ProblemHttpResult>> ListJobs(
        string organization, string workspace, int? limit, string? continuation, IWorkspaceLookup workspaces, JobStore jobs, CancellationToken cancellationToken) =>
        Paging.PageAsync(
            limit,
            size => jobs.ListAsync(organization, workspace, size, continuation, cancellationToken),
            j => JobResponse.From(j),
            async () => await workspaces.FindAsync(organization, workspace, cancellationToken) is null ? InfraProblems.NoWorkspace(organization, workspace) : null);

    internal static async Task<Results<Created<JobResponse>, ProblemHttpResult>> CreateJob(
        string organization,
        string workspace,
        HttpContext context,
        JobFactory factory,
        JobStore jobs,
        AccessEvaluator access,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateJobRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var caller = context.GetCaller();
        var via = context.Request.Headers.UserAgent.ToString().StartsWith("stratus-cli/", StringComparison.Ordinal) ? JobVia.Cli : JobVia.Api;
        var created = await factory.CreateAsync(organization, workspace, body!.Template, via, caller.Describe(), body.Comments, onceKey: null, async changes =>
            changes && !await access.IsAllowedAsync(caller, PermissionNames.JobApply, Scope.Of(ScopeKind.Workspace, $"{organization}/{workspace}"), cancellationToken)
                ? $"The template applies or destroys, which needs the '{PermissionNames.JobApply}' permission on 'workspace:{organization}/{workspace}'; you may only plan."
                : null, cancellationToken);
        if (created.Job is not { } job)
        {
            return created.NotFound ? ApiProblems.NotFound(created.Problem!)
                : created.TemplateChangesInfrastructure ? TypedResults.Problem(created.Problem, statusCode: StatusCodes.Status403Forbidden, title: "Permission required")
                : ApiProblems.Invalid(created.Problem!);
        }

        var steps = await jobs.GetStepsAsync(organization, workspace, job.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{organization}/workspaces/{workspace}/jobs/{job.Id}", JobResponse.From(job, steps));
    }

    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(string organization, string workspace, int jobId, JobStore jobs, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(organization, workspace, jobId, cancellationToken) is not { } job)
        {
            return NoJob(organization, workspace, jobId);
        }

        return TypedResults.Ok(JobResponse.From(job, await jobs.GetStepsAsync(organization, workspace, jobId, cancellationToken)));
    }

    internal static Task<Results<Ok<JobResponse>, ProblemHttpResult>> Approve(string organization, string workspace, int jobId, HttpContext context, JobStore jobs, JobQueue queue, CancellationToken cancellationToken) =>
        DecideAsync(organization, workspace, jobId, approved: true, context, jobs, queue, cancellationToken);

    internal static Task<Results<Ok<JobResponse>, ProblemHttpResult>> Reject(string organization, string workspace, int jobId, HttpContext context, JobStore jobs, JobQueue queue, CancellationToken cancellationToken) =>
        DecideAsync(organization, workspace, jobId, approved: false, context, jobs, queue, cancellationToken);

    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Cancel(
        string organization, string workspace, int jobId, HttpContext context, JobStore jobs, JobQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var by = context.GetCaller().Describe();
        var job = await jobs.UpdateAsync(organization, workspace, jobId, j => JobStatus.IsFinal(j.Status) ? j : j with
        {
            CancelRequested = true,
            // A job that has not started is simply done; a started one is stopped by its orchestration.
            Status = j.Status == JobStatus.Pending ? JobStatus.Cancelled : j.Status,
            FinishedAt = j.Status == JobStatus.Pending ? now : j.FinishedAt,
            Reason = j.Status == JobStatus.Pending ? $"Cancelled by {by} before it started." : $"Cancel requested by {by}.",
        }, cancellationToken);
        if (job is null)
        {
            return NoJob(organization, workspace, jobId);
        }

        if (!job.CancelRequested)
        {
            return ApiProblems.Conflict($"Job {jobId} already ended ({job.Status}).");
        }

        if (job.Status == JobStatus.Cancelled)
        {
            foreach (var step in await jobs.GetStepsAsync(organization, workspace, jobId, cancellationToken))
            {
                await jobs.UpdateStepAsync(organization, workspace, step with { Status = StepStatus.Cancelled, FinishedAt = now }, cancellationToken);
            }
        }
        else
        {
            await queue.CancelAsync(organization, workspace, jobId, cancellationToken);
        }

        return TypedResults.Ok(JobResponse.From(job, await jobs.GetStepsAsync(organization, workspace, jobId, cancellationToken)));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult, EmptyHttpResult>> GetStepLog(
        string organization, string workspace, int jobId, int step, bool? follow, bool? ansi, HttpContext context, JobStore jobs, IStorageAccount storage, CancellationToken cancellationToken)
    {
        if (await jobs.GetStepAsync(organization, workspace, jobId, step, cancellationToken) is not { } found)
        {
            return ApiProblems.NotFound($"Job {jobId} of workspace '{workspace}' has no step {step}.");
        }

        var log = new StepLogReader(storage, StepLog.NameFor(organization, workspace, jobId, step));
        if (follow != true)
        {
            return found.LogBlob is null
                ? ApiProblems.NotFound($"Step {step} has not started, so it has no log yet. Add ?follow=true to wait for it.")
                : TypedResults.Bytes(await log.ReadAllAsync(ansi != false, cancellationToken), StepLogReader.ContentType);
        }

        context.Response.ContentType = StepLogReader.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await log.FollowAsync(context.Response, () => StepEndedAsync(jobs, organization, workspace, jobId, step, cancellationToken), ansi != false, cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<bool> StepEndedAsync(JobStore jobs, string organization, string workspace, int jobId, int step, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(organization, workspace, jobId, cancellationToken);
        var current = await jobs.GetStepAsync(organization, workspace, jobId, step, cancellationToken);
        return job is null || current is null || StepStatus.IsFinal(current.Status) || JobStatus.IsFinal(job.Status);
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> DecideAsync(
        string organization, string workspace, int jobId, bool approved, HttpContext context, JobStore jobs, JobQueue queue, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(organization, workspace, jobId, cancellationToken);
        if (job is null)
        {
            return NoJob(organization, workspace, jobId);
        }

        if (job.Status != JobStatus.WaitingApproval)
        {
            return ApiProblems.Conflict($"Job {jobId} is {job.Status}, not waiting for approval.");
        }

        var caller = context.GetCaller();
        if (job.ApprovalTeam is { } team && !caller.IsMemberOf(team))
        {
            return TypedResults.Problem(
                $"Only members of team '{team}' may approve or reject job {jobId}.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Approval team required");
        }

        var by = caller.Describe();
        var decided = await jobs.UpdateAsync(organization, workspace, jobId, j => j with { DecidedBy = by, Status = approved ? JobStatus.Approved : j.Status }, cancellationToken);
        await queue.DecideAsync(organization, workspace, jobId, new ApprovalDecision(approved, by), cancellationToken);
        return TypedResults.Ok(JobResponse.From(decided!));
    }

    private static ProblemHttpResult NoJob(string organization, string workspace, int jobId) =>
        ApiProblems.NotFound($"Workspace '{workspace}' of organization '{organization}' has no job {jobId}.");
}
