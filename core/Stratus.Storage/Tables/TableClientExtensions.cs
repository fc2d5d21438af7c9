namespace Stratus.Storage.Tables;

public static class TableClientExtensions
{
    /// <summary>Every entity the query matches, page after page. For bounded result sets only.</summary>
    public static async Task<List<TableEntity>> QueryAllAsync(this ITableClient table, TableQuery query, CancellationToken cancellationToken = default)
    {
        var all = new List<TableEntity>();
        await foreach (var entity in table.QueryAsyncEnumerable(query, cancellationToken))
        {
            all.Add(entity);
        }

        return all;
    }

    /// <summary>Streams every entity the query matches, following continuation tokens (including empty pages).</summary>
    public static async IAsyncEnumerable<TableEntity> QueryAsyncEnumerable(
        this ITableClient table,
        TableQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await table.QueryAsync(query, token, cancellationToken);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
