using Microsoft.DurableTask;
using Stratus.Durable;
using Stratus.Infra.Jobs;
using Stratus.Infra.Workspaces;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Terrakube's disableWorkspace flow: locks the workspace so nothing else runs on it.</summary>
public sealed class DisableWorkspaceActivity(WorkspaceStore workspaces, JobStore jobs, TimeProvider time, ActivityCancellation cancellation) : TaskActivity<StepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepInput input)
    {
        var now = time.GetUtcNow();
        await workspaces.UpdateAsync(input.Organization, input.Workspace, w => w with
        {
            Locked = true,
            LockReason = $"Disabled by job {input.JobId}, step {input.Step}.",
            LockedBy = $"job:{input.JobId}",
            LockedAt = now,
        }, cancellation.Token);
        await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, step => step with { Status = StepStatus.Completed, StartedAt = now, FinishedAt = now }, cancellation.Token);

        return true;
    }
}
