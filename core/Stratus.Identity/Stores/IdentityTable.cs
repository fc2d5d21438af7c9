using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// The one table identity lives in. Rows that must change together (a token and its indexes, a membership in both
/// directions, a grant and its id index) share a partition, so each change is one entity-group transaction.
/// </summary>
public sealed class IdentityTable(IStorageAccount storage)
{
    public const string TableName = "StratusIdentity";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private Task? _created;

    public async ValueTask<ITableClient> GetAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = _table.CreateIfNotExistsAsync(CancellationToken.None);
        }

        await created.WaitAsync(cancellationToken);
        return _table;
    }

    /// <summary>A page of one partition's rows under a row-key prefix, for the API's paged lists.</summary>
    public async Task<IdentityPage<TableEntity>> PageAsync(string partitionKey, string prefix, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await GetAsync(cancellationToken);
        var query = TableQuery.RowKeyPrefix(partitionKey, prefix) with { PageSize = pageSize };
        var items = new List<TableEntity>();
        var token = continuationToken;
        do
        {
            var page = await table.QueryAsync(query with { PageSize = pageSize - items.Count }, token, cancellationToken);
            items.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count < pageSize);

        return new IdentityPage<TableEntity>(items, token);
    }

    public async Task<List<TableEntity>> AllAsync(string partitionKey, string prefix, CancellationToken cancellationToken)
    {
        var table = await GetAsync(cancellationToken);
        return await table.QueryAllAsync(TableQuery.RowKeyPrefix(partitionKey, prefix), cancellationToken);
    }
}
