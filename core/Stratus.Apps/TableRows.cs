using Azure;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps;

internal static class TableRows
{
    /// <summary>
    /// Deletes every row of a partition, 100 to a transaction. A row deleted by someone else meanwhile fails its batch,
    /// so the partition is read again until it is empty.
    /// </summary>
    /// <returns>How many rows this call deleted.</returns>
    public static async Task<int> DeletePartitionAsync(ITableClient table, string partition, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var rows = await table.QueryAllAsync(TableQuery.Partition(partition), cancellationToken);
            if (rows.Count == 0)
            {
                return deleted;
            }

            foreach (var chunk in rows.Chunk(StorageLimits.MaxTransactionActions))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(r => TableTransactionAction.Delete(partition, r.RowKey, ETag.All)).ToList(), cancellationToken);
                    deleted += chunk.Length;
                }
                catch (ResourceNotFoundException)
                {
                    // Another deleter got there first; the next read shows what is left.
                }
            }
        }
    }

    /// <summary>Deletes one row if it is there.</summary>
    public static async Task<bool> DeleteIfExistsAsync(ITableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteAsync(partition, row, ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }
}
