using Stratus.Storage.Tables;

namespace Stratus.Apps;

/// <summary>
/// "One default at a time" for rows that share a partition (pools, plans): the write that makes a row the default
/// also clears every other default in the same entity-group transaction, each guarded by the ETag it was read with,
/// so two concurrent changes of the default cannot leave two.
/// </summary>
internal static class DefaultRows
{
    public const string Property = "Default";

    public static async Task<List<TableTransactionAction>> ClearOthersAsync(ITableClient table, string partition, string except, CancellationToken cancellationToken)
    {
        var defaults = await table.QueryAllAsync(TableQuery.Partition(partition) with { Filter = TableFilter.Equal(Property, true) }, cancellationToken);
        return defaults
            .Where(r => !string.Equals(r.RowKey, except, StringComparison.Ordinal))
            .Select(r => TableTransactionAction.Merge(new TableEntity(partition, r.RowKey) { [Property] = false }, r.ETag))
            .ToList();
    }
}
