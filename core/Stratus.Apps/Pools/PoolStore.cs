using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Pools;

/// <summary>
/// Pools in <c>StratusPools</c>, all in one partition: there are few, every list reads them all, and keeping them
/// together lets one transaction move the default from one pool to another.
/// </summary>
public sealed class PoolStore(IStorageAccount storage, TimeProvider time)
{
    public const string TableName = "StratusPools";
    private const string Partition = "pool";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly AppsTable _ensure = new();

    /// <returns><c>false</c> if a pool with the name exists.</returns>
    /// <exception cref="InvalidAppRequestException">The pool has a problem.</exception>
    public async Task<bool> CreateAsync(Pool pool, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(pool.Problem());
        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        var stored = pool with { CreatedAt = now, UpdatedAt = now };
        while (true)
        {
            var actions = new List<TableTransactionAction> { TableTransactionAction.Insert(ToEntity(stored)) };
            if (stored.Default)
            {
                actions.AddRange(await DefaultRows.ClearOthersAsync(_table, Partition, stored.Name, cancellationToken));
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

    public async Task<Pool?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.PoolProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every pool, by name.</summary>
    public async Task<IReadOnlyList<Pool>> ListAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return (await _table.QueryAllAsync(TableQuery.Partition(Partition), cancellationToken)).Select(FromEntity).ToList();
    }

    public async Task<Pool?> GetDefaultAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.Partition(Partition) with { Filter = TableFilter.Equal(DefaultRows.Property, true) }, cancellationToken);
        return rows.Count == 0 ? null : FromEntity(rows[0]);
    }

    /// <summary>Applies <paramref name="change"/> (the name stays), retrying on a concurrent edit. Making it the default clears the others.</summary>
    /// <returns>The changed pool, or <c>null</c> if there is none.</returns>
    /// <exception cref="InvalidAppRequestException">The changed pool has a problem.</exception>
    public async Task<Pool?> UpdateAsync(string name, Func<Pool, Pool> change, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            if (await GetEntityAsync(name, cancellationToken) is not { } entity)
            {
                return null;
            }

            var current = FromEntity(entity);
            var updated = change(current) with { Name = current.Name, CreatedAt = current.CreatedAt, UpdatedAt = time.GetUtcNow() };
            InvalidAppRequestException.ThrowIfProblem(updated.Problem());
            var actions = new List<TableTransactionAction> { TableTransactionAction.Replace(ToEntity(updated), entity.ETag) };
            if (updated.Default)
            {
                actions.AddRange(await DefaultRows.ClearOthersAsync(_table, Partition, name, cancellationToken));
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

    /// <summary>Makes <paramref name="name"/> the only default pool.</summary>
    /// <returns><c>false</c> if there is no such pool.</returns>
    public async Task<bool> SetDefaultAsync(string name, CancellationToken cancellationToken) =>
        await UpdateAsync(name, p => p with { Default = true }, cancellationToken) is not null;

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.PoolProblem(name) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await TableRows.DeleteIfExistsAsync(_table, Partition, name, cancellationToken);
    }

    private async Task<TableEntity?> GetEntityAsync(string name, CancellationToken cancellationToken) =>
        AppNames.PoolProblem(name) is null ? await _table.GetAsync(Partition, name, cancellationToken) : null;

    private static TableEntity ToEntity(Pool p) => new(Partition, p.Name)
    {
        ["Provisioner"] = p.Provisioner,
        ["Router"] = p.Router,
        ["RouterOptions"] = AppsJson.Write(p.RouterOptions),
        ["RegistryAddress"] = p.Registry.Address,
        ["RegistryNamespace"] = p.Registry.Namespace,
        ["RegistryInsecure"] = p.Registry.Insecure,
        ["KubernetesServer"] = p.Kubernetes?.Server,
        ["KubernetesNamespace"] = p.Kubernetes?.Namespace,
        [DefaultRows.Property] = p.Default,
        ["Teams"] = AppsJson.Write(p.Teams),
        ["CreatedAt"] = p.CreatedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    private static Pool FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Provisioner") ?? PoolProvisioners.Podman,
        e.GetString("Router") ?? PoolRouters.Local,
        AppsJson.ReadStrings(e.GetString("RouterOptions")),
        new PoolRegistry(e.GetString("RegistryAddress") ?? "", e.GetString("RegistryNamespace") ?? "", e.GetBoolean("RegistryInsecure") ?? false),
        e.GetString("KubernetesServer") is { } server ? new PoolKubernetes(server, e.GetString("KubernetesNamespace") ?? "") : null,
        e.GetBoolean(DefaultRows.Property) ?? false,
        AppsJson.ReadList(e.GetString("Teams")),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
