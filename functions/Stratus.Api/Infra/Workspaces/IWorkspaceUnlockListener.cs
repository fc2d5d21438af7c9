using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Workspaces;

/// <summary>Told when a workspace is unlocked, so whatever waited on the lock (its job queue) can go on.</summary>
internal interface IWorkspaceUnlockListener
{
    Task WorkspaceUnlockedAsync(WorkspaceRef workspace, CancellationToken cancellationToken);
}
