using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Plans;

/// <summary>Plans in <c>StratusPlans</c>, one partition (few rows; one transaction moves the default).</summary>
public sealed class PlanStore(IStorageAccount storage, TimeProvider time)
{
    public const string TableName = "StratusPlans";
    private const string Partition = "plan";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly AppsTable _ensure = new();

    /// <returns><c>false</c> if a plan with the name exists.</returns>
    /// <exception cref="InvalidAppRequestException">The plan has a problem.</exception>
    public async Task<bool> CreateAsync(Plan plan, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(plan.Problem());
        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        var stored = plan with { CreatedAt = now, UpdatedAt = now };
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

    public async Task<Plan?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.PlanProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every plan, by name.</summary>
    public async Task<IReadOnlyList<Plan>> ListAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return (await _table.QueryAllAsync(TableQuery.Partition(Partition), cancellationToken)).Select(FromEntity).ToList();
    }

    public async Task<Plan?> GetDefaultAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.Partition(Partition) with { Filter = TableFilter.Equal(DefaultRows.Property, true) }, cancellationToken);
        return rows.Count == 0 ? null : FromEntity(rows[0]);
    }

    /// <summary>Applies <paramref name="change"/> (the name stays), retrying on a concurrent edit. Making it the default clears the others.</summary>
    /// <returns>The changed plan, or <c>null</c> if there is none.</returns>
    public async Task<Plan?> UpdateAsync(string name, Func<Plan, Plan> change, CancellationToken cancellationToken)
    {
        if (AppNames.PlanProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            if (await _table.GetAsync(Partition, name, cancellationToken) is not { } entity)
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

    /// <summary>Makes <paramref name="name"/> the only default plan.</summary>
    /// <returns><c>false</c> if there is no such plan.</returns>
    public async Task<bool> SetDefaultAsync(string name, CancellationToken cancellationToken) =>
        await UpdateAsync(name, p => p with { Default = true }, cancellationToken) is not null;

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.PlanProblem(name) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await TableRows.DeleteIfExistsAsync(_table, Partition, name, cancellationToken);
    }

    private static TableEntity ToEntity(Plan p) => new(Partition, p.Name)
    {
        ["CpuMilli"] = p.CpuMilli,
        ["MemoryBytes"] = p.MemoryBytes,
        [DefaultRows.Property] = p.Default,
        ["CreatedAt"] = p.CreatedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    private static Plan FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetInt32("CpuMilli") ?? 0,
        e.GetInt64("MemoryBytes") ?? 0,
        e.GetBoolean(DefaultRows.Property) ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
