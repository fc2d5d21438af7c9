using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Templates;

/// <summary>Templates in <c>StratusTemplates</c>, partitioned by organization, keyed by slug.</summary>
public sealed class TemplateStore(IStorageAccount storage)
{
    public const string TableName = "StratusTemplates";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    /// <returns><c>false</c> if the organization has a template with this id.</returns>
    public async Task<bool> CreateAsync(StoredTemplate template, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.InsertAsync(ToEntity(template), cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    public async Task<bool> ReplaceAsync(StoredTemplate template, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.ReplaceAsync(ToEntity(template), Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task<StoredTemplate?> GetAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, id, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<InfraPage<StoredTemplate>> ListAsync(string organization, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(TableQuery.Partition(organization) with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new InfraPage<StoredTemplate>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    public async Task<bool> DeleteAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.DeleteAsync(organization, id, Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(StoredTemplate t) => new(t.Organization, t.Id)
    {
        ["Name"] = t.Name,
        ["Description"] = t.Description,
        ["Tcl"] = t.Tcl,
        ["UpdatedAt"] = t.UpdatedAt,
        ["UpdatedBy"] = t.UpdatedBy,
    };

    private static StoredTemplate FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetString("Name") ?? e.RowKey, e.GetString("Description"), e.GetString("Tcl") ?? "",
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetString("UpdatedBy") ?? "");
}
