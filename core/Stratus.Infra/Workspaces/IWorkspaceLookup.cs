namespace Stratus.Infra.Workspaces;

/// <summary>Finds a live (not deleted) workspace by organization and name; what other infra areas check before acting.</summary>
public interface IWorkspaceLookup
{
    Task<WorkspaceRef?> FindAsync(string organization, string workspace, CancellationToken cancellationToken);
}
