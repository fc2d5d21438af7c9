using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps;

/// <summary>
/// A small catalog (pools, plans, platforms), all in one partition of its table, keyed by name: there are few rows,
/// and keeping them together lets one transaction move the default from one row to another (see
/// <see cref="DefaultRows"/>). The concrete stores say how an item maps to a row.
/// </summary>
public abstract class CatalogStore<T>
    where T : class
{
    private readonly ITableClient _table;
    private readonly AppsTable _ensure = new();
    private readonly TimeProvider _time;
    private readonly string _partition;

    protected CatalogStore(IStorageAccount storage, TimeProvider time, string tableName, string partition)
    {
        _table = storage.Tables.GetTable(tableName);
        _time = time;
        _partition = partition;
    }

    /// <returns><c>false</c> if an item with the name exists.</returns>
    /// <exception cref="Names.InvalidAppRequestException">The item has a problem.</exception>
    public async Task<bool> CreateAsync(T item, CancellationToken cancellationToken)
    {
        Names.InvalidAppRequestException.ThrowIfProblem(Problem(item));
        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = _time.GetUtcNow();
        var stored = Stamped(item, NameOf(item), now, now);
        while (true)
        {
            var actions = new List<TableTransactionAction> { TableTransactionAction.Insert(ToEntity(_partition, stored)) };
            if (IsDefault(stored))
            {
                actions.AddRange(await DefaultRows.ClearOthersAsync(_table, _partition, NameOf(stored), cancellationToken));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (ResourceConflictException)
            {
                return false;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // The default moved meanwhile: read the defaults again.
            }
        }
    }

    public async Task<T?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(_partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every item, by name.</summary>
    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return (await _table.QueryAllAsync(TableQuery.Partition(_partition), cancellationToken)).Select(FromEntity).ToList();
    }

    /// <summary>One page of items, by name: the API pages every list, however small the catalog.</summary>
    /// <exception cref="InvalidStorageRequestException"><paramref name="continuationToken"/> is not one this list returned.</exception>
    public async Task<AppsPage<T>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(TableQuery.Partition(_partition) with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new AppsPage<T>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    /// <summary>Applies <paramref name="change"/> (the name and creation time stay), retrying on a concurrent edit. Making it the default clears the others.</summary>
    /// <returns>The changed item, or <c>null</c> if there is none.</returns>
    /// <exception cref="Names.InvalidAppRequestException">The changed item has a problem.</exception>
    public async Task<T?> UpdateAsync(string name, Func<T, T> change, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            if (await _table.GetAsync(_partition, name, cancellationToken) is not { } entity)
            {
                return null;
            }

            var current = FromEntity(entity);
            var updated = Stamped(change(current), name, CreatedAt(current), _time.GetUtcNow());
            Names.InvalidAppRequestException.ThrowIfProblem(Problem(updated));
            var actions = new List<TableTransactionAction> { TableTransactionAction.Replace(ToEntity(_partition, updated), entity.ETag) };
            if (IsDefault(updated))
            {
                actions.AddRange(await DefaultRows.ClearOthersAsync(_table, _partition, name, cancellationToken));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return updated;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // Changed meanwhile: apply ours on top of theirs.
            }
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await TableRows.DeleteIfExistsAsync(_table, _partition, name, cancellationToken);
    }

    /// <summary>The default item, for catalogs that have one.</summary>
    protected async Task<T?> GetDefaultCoreAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.Partition(_partition) with { Filter = TableFilter.Equal(DefaultRows.Property, true) }, cancellationToken);
        return rows.Count == 0 ? null : FromEntity(rows[0]);
    }

    protected abstract string NameOf(T item);

    /// <summary>Why <paramref name="name"/> cannot name an item (so it is never used as a key), or null.</summary>
    protected abstract string? NameProblem(string name);

    protected abstract string? Problem(T item);

    protected virtual bool IsDefault(T item) => false;

    protected abstract DateTimeOffset CreatedAt(T item);

    /// <summary>The item with this name and these times (the store owns them).</summary>
    protected abstract T Stamped(T item, string name, DateTimeOffset createdAt, DateTimeOffset updatedAt);

    /// <summary>The row: partition <paramref name="partition"/>, row key the name.</summary>
    protected abstract TableEntity ToEntity(string partition, T item);

    protected abstract T FromEntity(TableEntity entity);
}
