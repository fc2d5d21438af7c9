using Stratus.Api.Infra.Workspaces;
using Stratus.Infra.Workspaces;
using Stratus.Orchestrations.Jobs;

namespace Stratus.Api.Infra.Jobs;

/// <summary>An unlocked workspace's queue resumes at once instead of at its next periodic re-check.</summary>
internal sealed class QueueResumingUnlockListener(JobQueue queue) : IWorkspaceUnlockListener
{
    public Task WorkspaceUnlockedAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        queue.UnlockedAsync(workspace.Organization, workspace.Name, cancellationToken);
}
