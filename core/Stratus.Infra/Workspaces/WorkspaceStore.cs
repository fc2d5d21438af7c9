using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Archives;

namespace Stratus.Infra.Workspaces;

/// <summary>
/// Workspaces in <c>StratusWorkspaces</c>, partitioned by organization. Deleting is soft (Terrakube keeps history):
/// the row stays with <c>Deleted</c> set and disappears from lookups; a new workspace may take the name, with a new id.
/// Changes are read-modify-replace with the row's ETag, so concurrent edits never lose one another.
/// </summary>
public sealed class WorkspaceStore(IStorageAccount storage) : IWorkspaceLookup
{
    public const string TableName = "StratusWorkspaces";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    /// <returns><c>false</c> if a live workspace has the name.</returns>
    public async Task<bool> CreateAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var existing = await _table.GetAsync(workspace.Organization, workspace.Name, cancellationToken);
        try
        {
            if (existing is null)
            {
                await _table.InsertAsync(ToEntity(workspace), cancellationToken);
            }
            else if (existing.GetBoolean("Deleted") == true)
            {
                await _table.ReplaceAsync(ToEntity(workspace), existing.ETag, cancellationToken);
            }
            else
            {
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException)
        {
            return false;
        }
    }

    public async Task<Workspace?> GetAsync(string organization, string name, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, name, cancellationToken) is { } entity && entity.GetBoolean("Deleted") != true ? FromEntity(entity) : null;
    }

    public async Task<WorkspaceRef?> FindAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        (await GetAsync(organization, workspace, cancellationToken))?.ToRef();

    public async Task<InfraPage<Workspace>> ListAsync(string organization, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = TableQuery.Partition(organization) with { PageSize = pageSize, Filter = TableFilter.NotEqual("Deleted", true) };
        var page = await _table.QueryAsync(query, continuationToken, cancellationToken);
        return new InfraPage<Workspace>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    public async Task<bool> AnyAsync(string organization, CancellationToken cancellationToken)
    {
        var page = await ListAsync(organization, 1, null, cancellationToken);
        return page.Items.Count > 0 || page.ContinuationToken is not null;
    }

    /// <summary>Applies <paramref name="change"/> to the live workspace, retrying on a concurrent edit.</summary>
    /// <returns>The changed workspace, or <c>null</c> if there is none.</returns>
    public async Task<Workspace?> UpdateAsync(string organization, string name, Func<Workspace, Workspace> change, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(organization, name, cancellationToken);
            if (entity is null || entity.GetBoolean("Deleted") == true)
            {
                return null;
            }

            var updated = change(FromEntity(entity));
            try
            {
                await _table.ReplaceAsync(ToEntity(updated), entity.ETag, cancellationToken);
                return updated;
            }
            catch (PreconditionFailedException)
            {
                // Someone else changed it first: apply ours to their version.
            }
        }
    }

    private static TableEntity ToEntity(Workspace w) => new(w.Organization, w.Name)
    {
        ["Id"] = w.Id,
        ["Description"] = w.Description,
        ["SourceKind"] = w.Source.Kind,
        ["SourceUrl"] = w.Source.Url,
        ["SourceBranch"] = w.Source.Branch,
        ["SourceCommit"] = w.Source.Commit,
        ["SourceFolder"] = w.Source.Folder,
        ["SourceArchive"] = w.Source.ArchiveBlob,
        ["IacType"] = w.IacType,
        ["TerraformVersion"] = w.TerraformVersion,
        ["DefaultTemplate"] = w.DefaultTemplate,
        ["ExecutionMode"] = w.ExecutionMode,
        ["Tags"] = w.Tags.Count == 0 ? null : string.Join('\n', w.Tags),
        ["Locked"] = w.Locked,
        ["LockReason"] = w.LockReason,
        ["LockedBy"] = w.LockedBy,
        ["LockedAt"] = w.LockedAt,
        ["Deleted"] = w.Deleted,
        ["LastJobStatus"] = w.LastJobStatus,
        ["LastJobAt"] = w.LastJobAt,
        ["CreatedAt"] = w.CreatedAt,
        ["CreatedBy"] = w.CreatedBy,
    };

    private static Workspace FromEntity(TableEntity e) => new(
        e.GetString("Id") ?? "",
        e.PartitionKey,
        e.RowKey,
        e.GetString("Description"),
        new WorkspaceSource(e.GetString("SourceKind") ?? WorkspaceSource.None, e.GetString("SourceUrl"), e.GetString("SourceBranch"), e.GetString("SourceCommit"), e.GetString("SourceFolder"), e.GetString("SourceArchive")),
        e.GetString("IacType") ?? Workspace.Terraform,
        e.GetString("TerraformVersion"),
        e.GetString("DefaultTemplate"),
        e.GetString("ExecutionMode") ?? "remote",
        e.GetString("Tags") is { Length: > 0 } tags ? tags.Split('\n') : [],
        e.GetBoolean("Locked") ?? false,
        e.GetString("LockReason"),
        e.GetString("LockedBy"),
        e.GetDateTimeOffset("LockedAt"),
        e.GetBoolean("Deleted") ?? false,
        e.GetString("LastJobStatus"),
        e.GetDateTimeOffset("LastJobAt"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CreatedBy") ?? "");
}
