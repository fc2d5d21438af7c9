using Microsoft.DurableTask;
using Stratus.Durable;
using Stratus.Infra.Jobs;
using Stratus.Infra.Workspaces;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Finds the oldest pending job of a workspace, unless the workspace is locked or gone.</summary>
public sealed class NextJobActivity(WorkspaceStore workspaces, JobStore jobs, ActivityCancellation cancellation) : TaskActivity<WorkspaceQueueInput, NextJob>
{
    public override async Task<NextJob> RunAsync(TaskActivityContext context, WorkspaceQueueInput input)
    {
        var workspace = await workspaces.GetAsync(input.Organization, input.Workspace, cancellation.Token);
        if (workspace is null)
        {
            return new NextJob(null, WorkspaceLocked: false, WorkspaceGone: true);
        }

        if (workspace.Locked)
        {
            return new NextJob(null, WorkspaceLocked: true, WorkspaceGone: false);
        }

        var job = await jobs.NextPendingAsync(input.Organization, input.Workspace, cancellation.Token);
        return new NextJob(job?.Id, WorkspaceLocked: false, WorkspaceGone: false);
    }
}
