using System.Collections.Concurrent;
using Stratus.Infra.Workspaces;

namespace Stratus.Infra.Tests.Variables;

/// <summary>Workspaces the test declares, each with a fresh id; removing one makes it unknown, as a soft delete does.</summary>
public sealed class FakeWorkspaceLookup : IWorkspaceLookup
{
    private readonly ConcurrentDictionary<(string, string), WorkspaceRef> _workspaces = new();

    public WorkspaceRef Add(string organization, string name)
    {
        var workspace = new WorkspaceRef(organization, name, "ws-" + Guid.NewGuid().ToString("N")[..16], false);
        _workspaces[(organization, name)] = workspace;
        return workspace;
    }

    public void Remove(string organization, string name) => _workspaces.TryRemove((organization, name), out _);

    public Task<WorkspaceRef?> FindAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        Task.FromResult(_workspaces.TryGetValue((organization, workspace), out var found) ? found : null);
}
