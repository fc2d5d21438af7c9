using Microsoft.DurableTask;
using Stratus.Durable;
using Stratus.Infra.Jobs;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Records a step's and/or the job's status (approval waits, approvals, unsupported flows).</summary>
public sealed class SetStatusActivity(JobStore jobs, TimeProvider time, ActivityCancellation cancellation) : TaskActivity<StepStatusChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepStatusChange input)
    {
        var ct = cancellation.Token;
        if (input.Step is { } number && input.StepStatus is { } stepStatus)
        {
            var now = time.GetUtcNow();
            await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, number, step => step with
            {
                Status = stepStatus,
                StartedAt = step.StartedAt ?? now,
                FinishedAt = StepStatus.IsFinal(stepStatus) ? now : null,
                Reason = input.Reason ?? step.Reason,
            }, ct);
        }

        if (input.JobStatus is { } jobStatus)
        {
            var team = jobStatus == JobStatus.WaitingApproval ? ApprovalTeamOf(await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, ct), input.Step) : null;
            await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => JobStatus.IsFinal(j.Status) ? j : j with
            {
                Status = jobStatus,
                ApprovalTeam = jobStatus == JobStatus.WaitingApproval ? team : j.ApprovalTeam,
            }, ct);
        }

        return true;
    }

    private static string? ApprovalTeamOf(Job? job, int? step) =>
        job is null || step is null ? null : Infra.Templates.TclParser.Parse(job.Tcl).Template?.Flows.FirstOrDefault(f => f.Step == step)?.Team;
}
