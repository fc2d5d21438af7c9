using Stratus.Durable;
using Stratus.Infra.Jobs;
using Stratus.Infra.Workspaces;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Terrakube's disableWorkspace flow: locks the workspace so nothing else runs on it.</summary>
public sealed class DisableWorkspaceActivity(WorkspaceStore workspaces, JobStore jobs, TimeProvider time) : Activity<StepInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, StepInput input)
    {
        var now = time.GetUtcNow();
        await workspaces.UpdateAsync(input.Organization, input.Workspace, w => w with
        {
            Locked = true,
            LockReason = $"Disabled by job {input.JobId}, step {input.Step}.",
            LockedBy = $"job:{input.JobId}",
            LockedAt = now,
        }, context.CancellationToken);
        await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, step => step with { Status = StepStatus.Completed, StartedAt = now, FinishedAt = now }, context.CancellationToken);

        return true;
    }
}
