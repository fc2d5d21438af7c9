using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Plans;

/// <summary>Plans in <c>StratusPlans</c>; one of them may be the default for apps created without a plan.</summary>
public sealed class PlanStore(IStorageAccount storage, TimeProvider time) : CatalogStore<Plan>(storage, time, TableName, "plan")
{
    public const string TableName = "StratusPlans";

    public Task<Plan?> GetDefaultAsync(CancellationToken cancellationToken) => GetDefaultCoreAsync(cancellationToken);

    /// <summary>Makes <paramref name="name"/> the only default plan.</summary>
    /// <returns><c>false</c> if there is no such plan.</returns>
    public async Task<bool> SetDefaultAsync(string name, CancellationToken cancellationToken) =>
        await UpdateAsync(name, p => p with { Default = true }, cancellationToken) is not null;

    protected override string NameOf(Plan item) => item.Name;

    protected override string? NameProblem(string name) => AppNames.PlanProblem(name);

    protected override string? Problem(Plan item) => item.Problem();

    protected override bool IsDefault(Plan item) => item.Default;

    protected override DateTimeOffset CreatedAt(Plan item) => item.CreatedAt;

    protected override Plan Stamped(Plan item, string name, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        item with { Name = name, CreatedAt = createdAt, UpdatedAt = updatedAt };

    protected override TableEntity ToEntity(string partition, Plan p) => new(partition, p.Name)
    {
        ["CpuMilli"] = p.CpuMilli,
        ["MemoryBytes"] = p.MemoryBytes,
        [DefaultRows.Property] = p.Default,
        ["CreatedAt"] = p.CreatedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    protected override Plan FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetInt32("CpuMilli") ?? 0,
        e.GetInt64("MemoryBytes") ?? 0,
        e.GetBoolean(DefaultRows.Property) ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
