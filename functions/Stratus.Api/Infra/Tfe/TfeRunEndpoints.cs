using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Infra.Jobs;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.ConfigurationVersions;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// Runs are Stratus jobs of the organization's default templates, on the uploaded configuration version: a speculative
/// run (terraform plan) is a <c>plan</c> job; terraform apply -auto-approve is <c>plan-and-apply</c>; terraform apply
/// that asks for confirmation is <c>terraform-plan-apply-cli</c>, whose approval step the confirm (actions/apply) decides.
/// </summary>
internal static class TfeRunEndpoints
{
    public const int MaxLogSlice = 1024 * 1024;
    private const int MaxMessageChars = 1000;
    private const int ListSize = 20;
    private static readonly TimeSpan DecisionWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DecisionPoll = TimeSpan.FromMilliseconds(250);

    public static async Task<IResult> Create(
        HttpContext context, TfeAccess access, ConfigurationVersionStore versions, JobFactory factory, JobStore jobs, CancellationToken cancellationToken)
    {
        var (data, invalid) = await TfeJson.ReadDataAsync(context.Request, "runs", cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (TfeJson.RelationshipId(data, "workspace") is not { } workspaceId)
        {
            return TfeProblems.Invalid("/data/relationships/workspace", "Name the workspace: \"relationships\": {\"workspace\": {\"data\": {\"type\": \"workspaces\", \"id\": \"ws-…\"}}}.");
        }

        var (workspace, problem) = await access.FindByIdAsync(context, workspaceId, cancellationToken);
        if (workspace is null)
        {
            return problem!;
        }

        var (organization, name) = (workspace!.Organization, workspace.Name);
        if (await access.RequireAsync(context, PermissionNames.JobPlan, organization, name, "queue a run", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (TfeJson.RelationshipId(data, "configuration-version") is not { } versionId)
        {
            return TfeProblems.Invalid("/data/relationships/configuration-version", "Name an uploaded configuration version: Stratus runs only configurations uploaded for the run (runs from the workspace's own source are Stratus jobs: POST /api/v1/.../jobs).");
        }

        var version = TfeIds.IsConfigurationVersion(versionId) ? await versions.GetAsync(versionId, cancellationToken) : null;
        if (version is null || version.Organization != organization || version.Workspace != name)
        {
            return TfeProblems.Invalid("/data/relationships/configuration-version", $"Workspace '{name}' has no configuration version '{versionId}'.");
        }

        if (version.Status != ConfigurationVersion.Uploaded || version.ArchiveBlob is null)
        {
            return TfeProblems.Invalid("/data/relationships/configuration-version", $"Configuration version '{versionId}' has not been uploaded yet: PUT the tar.gz to its upload-url first.");
        }

        if (Unsupported(data) is { } unsupported)
        {
            return unsupported;
        }

        var message = TfeJson.Attribute(data, "message") is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
        if (message is { Length: > MaxMessageChars })
        {
            return TfeProblems.Invalid("/data/attributes/message", $"The message is longer than {MaxMessageChars} characters.");
        }

        var isDestroy = Flag(data, "is-destroy");
        var autoApply = Flag(data, "auto-apply");
        var planOnly = version.Speculative || Flag(data, "plan-only");
        var template = (planOnly, isDestroy, autoApply) switch
        {
            (true, false, _) => StoredTemplate.Slug(DefaultTemplates.Plan.Name),
            (false, false, true) => StoredTemplate.Slug(DefaultTemplates.PlanAndApply.Name),
            (false, false, false) => StoredTemplate.Slug(DefaultTemplates.CliPlanApply.Name),
            (false, true, false) => StoredTemplate.Slug(DefaultTemplates.CliPlanDestroy.Name),
            _ => null,
        };
        if (template is null)
        {
            return TfeProblems.Invalid("/data/attributes/is-destroy", planOnly
                ? "A speculative destroy plan is not supported: run terraform destroy, which asks for confirmation."
                : "A destroy with -auto-approve is not supported: run terraform destroy without -auto-approve and confirm it.");
        }

        if (workspace.Locked)
        {
            return TfeProblems.Conflict($"Workspace '{name}' is locked by {workspace.LockedBy}: {workspace.LockReason}. No run was queued; unlock the workspace (POST /api/v1/organizations/{organization}/workspaces/{name}/unlock, or terraform force-unlock) and run again.");
        }

        var caller = context.GetCaller();
        var created = await factory.CreateAsync(organization, name, template, JobVia.Tfe, caller.Describe(), message, onceKey: null, version.ArchiveBlob, async changes =>
            changes && !await access.AllowsAsync(context, PermissionNames.JobApply, organization, name, cancellationToken)
                ? $"This run applies or destroys, which needs the '{PermissionNames.JobApply}' permission on 'workspace:{organization}/{name}'; you may only plan (terraform plan)."
                : null, cancellationToken);
        if (created.Job is not { } job)
        {
            return created.NotFound ? TfeProblems.NotFound(created.Problem!)
                : created.TemplateChangesInfrastructure ? TfeProblems.Forbidden(created.Problem!)
                : TfeProblems.Invalid("/data", created.Problem!);
        }

        var run = new TfeRunState(job, await jobs.GetStepsAsync(organization, name, job.Id, cancellationToken));
        return TfeJson.Document(TfeDocuments.Run(run, TfeApi.BaseUrl(context.Request)), StatusCodes.Status201Created);
    }

    public static async Task<IResult> Read(string runId, HttpContext context, TfeAccess access, JobStore jobs, CancellationToken cancellationToken)
    {
        var (run, problem) = await FindAsync(TfeIds.RunPrefix, runId, context, access, jobs, cancellationToken);
        return problem ?? TfeJson.Document(TfeDocuments.Run(run!, TfeApi.BaseUrl(context.Request)));
    }

    public static async Task<IResult> List(string workspaceId, HttpContext context, TfeAccess access, JobStore jobs, CancellationToken cancellationToken)
    {
        var (workspace, problem) = await access.FindByIdAsync(context, workspaceId, cancellationToken);
        if (workspace is null)
        {
            return problem!;
        }

        if (!await access.AllowsAsync(context, PermissionNames.JobRead, workspace!.Organization, workspace.Name, cancellationToken))
        {
            return TfeProblems.NotFound($"There is no workspace '{workspaceId}' whose runs you may read.");
        }

        var runs = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var job in (await jobs.ListAsync(workspace.Organization, workspace.Name, ListSize, null, cancellationToken)).Items)
        {
            var steps = await jobs.GetStepsAsync(workspace.Organization, workspace.Name, job.Id, cancellationToken);
            runs.Add(TfeDocuments.Run(new TfeRunState(job, steps), TfeApi.BaseUrl(context.Request)));
        }

        return TfeJson.List(runs);
    }

    public static async Task<IResult> Events(string runId, HttpContext context, TfeAccess access, JobStore jobs, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindAsync(TfeIds.RunPrefix, runId, context, access, jobs, cancellationToken);
        return problem ?? TfeJson.List([]);
    }

    public static Task<IResult> Apply(string runId, HttpContext context, TfeAccess access, JobStore jobs, JobQueue queue, TimeProvider time, CancellationToken cancellationToken) =>
        ActAsync(runId, PermissionNames.JobApprove, "confirm this run", context, access, jobs, time, decides: true, (o, w, id) => JobsApi.Approve(o, w, id, context, jobs, queue, cancellationToken), cancellationToken);

    public static Task<IResult> Discard(string runId, HttpContext context, TfeAccess access, JobStore jobs, JobQueue queue, TimeProvider time, CancellationToken cancellationToken) =>
        ActAsync(runId, PermissionNames.JobApprove, "discard this run", context, access, jobs, time, decides: true, (o, w, id) => JobsApi.Reject(o, w, id, context, jobs, queue, cancellationToken), cancellationToken);

    public static Task<IResult> Cancel(string runId, HttpContext context, TfeAccess access, JobStore jobs, JobQueue queue, TimeProvider time, CancellationToken cancellationToken) =>
        ActAsync(runId, PermissionNames.JobManage, "cancel this run", context, access, jobs, time, decides: false, (o, w, id) => JobsApi.Cancel(o, w, id, context, jobs, queue, time, cancellationToken), cancellationToken);

    public static async Task<IResult> ReadPlan(string planId, HttpContext context, TfeAccess access, JobStore jobs, TfeLogTokens tokens, CancellationToken cancellationToken)
    {
        var (run, problem) = await FindAsync(TfeIds.PlanPrefix, planId, context, access, jobs, cancellationToken);
        return problem ?? TfeJson.Document(TfeDocuments.Phase("plans", TfeIds.PlanPrefix, run!, run!.PlanStep, TfeApi.BaseUrl(context.Request), tokens));
    }

    public static async Task<IResult> ReadApply(string applyId, HttpContext context, TfeAccess access, JobStore jobs, TfeLogTokens tokens, CancellationToken cancellationToken)
    {
        var (run, problem) = await FindAsync(TfeIds.ApplyPrefix, applyId, context, access, jobs, cancellationToken);
        return problem ?? TfeJson.Document(TfeDocuments.Phase("applies", TfeIds.ApplyPrefix, run!, run!.ApplyStep, TfeApi.BaseUrl(context.Request), tokens));
    }

    public static Task<IResult> PlanLogs(string planId, string token, long? offset, int? limit, TfeLogTokens tokens, JobStore jobs, IStorageAccount storage, CancellationToken cancellationToken) =>
        LogsAsync(TfeIds.PlanPrefix, planId, token, offset, limit, run => run.PlanStep, tokens, jobs, storage, cancellationToken);

    public static Task<IResult> ApplyLogs(string applyId, string token, long? offset, int? limit, TfeLogTokens tokens, JobStore jobs, IStorageAccount storage, CancellationToken cancellationToken) =>
        LogsAsync(TfeIds.ApplyPrefix, applyId, token, offset, limit, run => run.ApplyStep, tokens, jobs, storage, cancellationToken);

    /// <summary>
    /// go-tfe's log reader asks for <c>?limit=&amp;offset=</c> byte slices until it has read an ETX after an STX, and
    /// asks whether the phase ended when a slice is empty. The step's log is framed that way: STX, the log so far, and
    /// ETX once the step has ended (its log is complete by then).
    /// </summary>
    private static async Task<IResult> LogsAsync(
        string prefix, string id, string token, long? offset, int? limit, Func<TfeRunState, JobStep?> phase, TfeLogTokens tokens, JobStore jobs, IStorageAccount storage, CancellationToken cancellationToken)
    {
        if (offset is < 0)
        {
            return TfeProblems.Invalid("/offset", "?offset= must be 0 or more (a byte offset into the log).");
        }

        if (limit is < 1 or > MaxLogSlice)
        {
            return TfeProblems.Invalid("/limit", $"?limit= must be between 1 and {MaxLogSlice} bytes.");
        }

        if (!tokens.Opens(id, token)
            || TfeIds.ParseNumbered(prefix, id) is not var (organization, workspace, number)
            || await jobs.GetAsync(organization, workspace, number, cancellationToken) is not { } found)
        {
            return TfeProblems.NotFound("This log URL is not valid: read the plan or apply again (GET /api/tfe/v2/plans/{id}) for its log-read-url.");
        }

        var run = new TfeRunState(found, await jobs.GetStepsAsync(organization, workspace, number, cancellationToken));
        var step = phase(run);
        var ended = TfeRunState.PhaseEnded(run.PhaseStatus(step));
        var job = run.Job;
        var log = step?.LogBlob is null ? [] : await new StepLogReader(storage, StepLog.NameFor(job.Organization, job.Workspace, job.Id, step.Number)).ReadAllAsync(ansi: true, cancellationToken);
        var framed = new byte[log.Length + (ended ? 2 : 1)];
        framed[0] = 2;
        log.CopyTo(framed, 1);
        if (ended)
        {
            framed[^1] = 3;
        }

        var start = (int)Math.Min(offset ?? 0, framed.Length);
        var length = Math.Min(limit ?? MaxLogSlice, framed.Length - start);
        return TypedResults.Bytes(framed.AsMemory(start, length).ToArray(), "text/plain");
    }

    private static async Task<IResult> ActAsync(
        string runId, string permission, string action, HttpContext context, TfeAccess access, JobStore jobs, TimeProvider time, bool decides,
        Func<string, string, int, Task<Results<Ok<JobResponse>, ProblemHttpResult>>> act, CancellationToken cancellationToken)
    {
        var (run, problem) = await FindAsync(TfeIds.RunPrefix, runId, context, access, jobs, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var job = run!.Job;
        if (await access.RequireAsync(context, permission, job.Organization, job.Workspace, action, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (decides)
        {
            // Confirmable already, the approval step may be a moment from waiting for the decision: wait for it.
            var deadline = time.GetUtcNow() + DecisionWait;
            while (run is { AwaitingDecision: true } && run.Job.Status != JobStatus.WaitingApproval && time.GetUtcNow() < deadline)
            {
                await Task.Delay(DecisionPoll, time, cancellationToken);
                run = (await FindAsync(TfeIds.RunPrefix, runId, context, access, jobs, cancellationToken)).Run;
            }
        }

        // The Stratus job endpoints decide (approval team, state checks), so both APIs behave the same.
        var result = (await act(job.Organization, job.Workspace, job.Id)).Result;
        return result is ProblemHttpResult failed ? TfeProblems.From(failed) : TypedResults.Accepted((string?)null);
    }

    private static async Task<(TfeRunState? Run, IResult? Problem)> FindAsync(string prefix, string id, HttpContext context, TfeAccess access, JobStore jobs, CancellationToken cancellationToken)
    {
        var notFound = TfeProblems.NotFound($"There is no run '{id}' that you may read.");
        if (TfeIds.ParseNumbered(prefix, id) is not var (organization, workspace, number)
            || (await access.FindAsync(context, organization, workspace, cancellationToken)).Problem is not null
            || !await access.AllowsAsync(context, PermissionNames.JobRead, organization, workspace, cancellationToken)
            || await jobs.GetAsync(organization, workspace, number, cancellationToken) is not { } job)
        {
            return (null, notFound);
        }

        return (new TfeRunState(job, await jobs.GetStepsAsync(organization, workspace, number, cancellationToken)), null);
    }

    private static bool Flag(JsonElement data, string name) => TfeJson.Attribute(data, name) is { ValueKind: JsonValueKind.True };

    /// <summary>Run options Stratus's jobs cannot honour are refused, never silently dropped.</summary>
    private static IResult? Unsupported(JsonElement data)
    {
        foreach (var list in new[] { "target-addrs", "replace-addrs", "variables" })
        {
            if (TfeJson.Attribute(data, list) is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0)
            {
                return TfeProblems.Invalid($"/data/attributes/{list}", list == "variables"
                    ? "Run variables (-var, -var-file) are not supported: set them as workspace variables (POST /api/v1/.../variables)."
                    : $"{list} (-target, -replace) is not supported by Stratus runs yet: run without it.");
            }
        }

        if (TfeJson.Attribute(data, "refresh-only") is { ValueKind: JsonValueKind.True })
        {
            return TfeProblems.Invalid("/data/attributes/refresh-only", "Refresh-only runs (-refresh-only, terraform refresh) are not supported yet.");
        }

        if (TfeJson.Attribute(data, "refresh") is { ValueKind: JsonValueKind.False })
        {
            return TfeProblems.Invalid("/data/attributes/refresh", "-refresh=false is not supported: Stratus runs always refresh.");
        }

        if (TfeJson.Attribute(data, "save-plan") is { ValueKind: JsonValueKind.True })
        {
            return TfeProblems.Invalid("/data/attributes/save-plan", "Saved cloud plans (terraform plan -out) are not supported: plan without -out.");
        }

        if (TfeJson.Attribute(data, "allow-config-generation") is { ValueKind: JsonValueKind.True })
        {
            return TfeProblems.Invalid("/data/attributes/allow-config-generation", "-generate-config-out is not supported by Stratus runs.");
        }

        return null;
    }
}
