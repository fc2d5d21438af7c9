using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Stratus.Durable;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Marks a pending job running and returns its steps; a job cancelled while queued does not run.</summary>
public sealed class StartJobActivity(JobStore jobs, IOptions<JobExecutionOptions> options, TimeProvider time, ActivityCancellation cancellation) : TaskActivity<JobInput, JobStart>
{
    public override async Task<JobStart> RunAsync(TaskActivityContext context, JobInput input)
    {
        var job = await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, cancellation.Token);
        if (job is null || JobStatus.IsFinal(job.Status))
        {
            return new JobStart(false, job?.Status ?? JobStatus.Failed, "The job is gone or already finished.", [], options.Value.ApprovalTimeout);
        }

        var parsed = TclParser.Parse(job.Tcl);
        if (parsed.Template is null)
        {
            var reason = "The job's template is not valid: " + string.Join("; ", parsed.Problems.Take(3));
            await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => j with { Status = JobStatus.Failed, Reason = reason, FinishedAt = time.GetUtcNow() }, cancellation.Token);
            return new JobStart(false, JobStatus.Failed, reason, [], options.Value.ApprovalTimeout);
        }

        await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => j with { Status = JobStatus.Running, StartedAt = j.StartedAt ?? time.GetUtcNow() }, cancellation.Token);
        var steps = parsed.Template.Flows.Select(f => new PlannedStep(f.Step, f.Type, f.Name ?? f.Type, f.Team, f.IgnoreError, f.OnReject.Count > 0)).ToList();
        return new JobStart(true, JobStatus.Running, null, steps, options.Value.ApprovalTimeout);
    }
}
