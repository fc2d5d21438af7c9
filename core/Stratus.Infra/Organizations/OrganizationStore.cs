using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Organizations;

/// <summary>Organizations, one row each in <c>StratusOrganizations</c>.</summary>
public sealed class OrganizationStore(IStorageAccount storage) : IOrganizationLookup
{
    public const string TableName = "StratusOrganizations";
    private const string Partition = "org";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    /// <returns><c>false</c> if an organization with the name exists.</returns>
    public async Task<bool> CreateAsync(Organization organization, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.InsertAsync(new TableEntity(Partition, organization.Name)
            {
                ["Description"] = organization.Description,
                ["CreatedAt"] = organization.CreatedAt,
                ["CreatedBy"] = organization.CreatedBy,
            }, cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    public async Task<Organization?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<bool> OrganizationExistsAsync(string organization, CancellationToken cancellationToken) =>
        await GetAsync(organization, cancellationToken) is not null;

    public async Task<InfraPage<Organization>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(TableQuery.Partition(Partition) with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new InfraPage<Organization>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    public async Task<Organization?> UpdateAsync(string name, string? description, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.MergeAsync(new TableEntity(Partition, name) { ["Description"] = description }, Azure.ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        return await GetAsync(name, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.DeleteAsync(Partition, name, Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static Organization FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Description"),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "");
}
