using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Platforms;

/// <summary>Platforms in <c>StratusPlatforms</c>, one partition (few rows, always listed whole).</summary>
public sealed class PlatformStore(IStorageAccount storage, TimeProvider time)
{
    public const string TableName = "StratusPlatforms";
    private const string Partition = "platform";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly AppsTable _ensure = new();

    /// <returns><c>false</c> if a platform with the name exists.</returns>
    /// <exception cref="InvalidAppRequestException">The platform has a problem.</exception>
    public async Task<bool> CreateAsync(Platform platform, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(platform.Problem());
        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            await _table.InsertAsync(ToEntity(platform with { CreatedAt = now, UpdatedAt = now }), cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    public async Task<Platform?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.PlatformProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every platform, by name.</summary>
    public async Task<IReadOnlyList<Platform>> ListAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return (await _table.QueryAllAsync(TableQuery.Partition(Partition), cancellationToken)).Select(FromEntity).ToList();
    }

    /// <summary>Applies <paramref name="change"/> (the name stays), retrying on a concurrent edit.</summary>
    /// <returns>The changed platform, or <c>null</c> if there is none.</returns>
    public async Task<Platform?> UpdateAsync(string name, Func<Platform, Platform> change, CancellationToken cancellationToken)
    {
        if (AppNames.PlatformProblem(name) is not null)
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
            try
            {
                await _table.ReplaceAsync(ToEntity(updated), entity.ETag, cancellationToken);
                return updated;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // Changed or removed meanwhile: read it again.
            }
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.PlatformProblem(name) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await TableRows.DeleteIfExistsAsync(_table, Partition, name, cancellationToken);
    }

    private static TableEntity ToEntity(Platform p) => new(Partition, p.Name)
    {
        ["Image"] = p.Image,
        ["Disabled"] = p.Disabled,
        ["CreatedAt"] = p.CreatedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    private static Platform FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Image") ?? "",
        e.GetBoolean("Disabled") ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
