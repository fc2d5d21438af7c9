using Microsoft.DurableTask;
using Stratus.Durable;
using Stratus.Infra.Jobs;
using Stratus.Infra.Workspaces;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Ends a job: its final status and reason, every step that never ran marked notExecuted (or cancelled), and the
/// workspace's last job status. A job already final (cancelled while queued) keeps its status.
/// </summary>
public sealed class FinishJobActivity(
    JobStore jobs, WorkspaceStore workspaces, TimeProvider time, ActivityCancellation cancellation, IEnumerable<IJobFinishListener> listeners) : TaskActivity<JobFinish, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JobFinish input)
    {
        var ct = cancellation.Token;
        var now = time.GetUtcNow();
        var leftover = input.Status == JobStatus.Cancelled ? StepStatus.Cancelled : StepStatus.NotExecuted;
        foreach (var step in await jobs.GetStepsAsync(input.Organization, input.Workspace, input.JobId, ct))
        {
            if (!StepStatus.IsFinal(step.Status))
            {
                var status = step.Status == StepStatus.Running && input.Status != JobStatus.Cancelled ? StepStatus.Failed : leftover;
                await jobs.UpdateStepAsync(input.Organization, input.Workspace, step with { Status = status, FinishedAt = now }, ct);
            }
        }

        var job = await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => JobStatus.IsFinal(j.Status) ? j : j with
        {
            Status = input.Status,
            Reason = input.Reason ?? j.Reason,
            FinishedAt = now,
        }, ct);
        if (job is not null)
        {
            await workspaces.UpdateAsync(input.Organization, input.Workspace, w => w with { LastJobStatus = job.Status, LastJobAt = now }, ct);
            foreach (var listener in listeners)
            {
                await listener.JobFinishedAsync(job, ct);
            }
        }

        return true;
    }
}
