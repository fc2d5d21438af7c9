using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.State;

internal static class StateWorkspaces
{
    /// <returns>A 404 problem when the workspace does not exist or is deleted; <c>null</c> when it is live.</returns>
    public static async Task<ProblemHttpResult?> MissingAsync(IWorkspaceLookup workspaces, string organization, string workspace, CancellationToken cancellationToken) =>
        await workspaces.FindAsync(organization, workspace, cancellationToken) is null ? StateProblems.NoWorkspace(organization, workspace) : null;
}
