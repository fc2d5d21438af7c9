using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Deploys;

/// <summary>
/// The deploy history in <c>StratusDeploys</c>. Each deploy is a row in two partitions, both keyed by its
/// time-ordered id so that a partition reads newest first:
/// <list type="bullet">
/// <item><c>all</c>: the authoritative copy. <c>GET /deploys/{id}</c> is a point read here, and the unfiltered list
/// is a read of its first rows.</item>
/// <item><c>app|&lt;name&gt;</c>: the app's history, for <c>GET /deploys?app=</c>; written after the authoritative row on
/// every change (a crash in between leaves it one change behind until the next write, which copies the whole row).</item>
/// </list>
/// </summary>
public sealed class DeployStore(IStorageAccount storage, TimeProvider time)
{
    public const string TableName = "StratusDeploys";
    public const int MaxLimit = 1000;
    private const string AllPartition = "all";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly AppsTable _ensure = new();

    /// <summary>Records a deploy that starts now; a new id is assigned when <see cref="Deploy.Id"/> is empty.</summary>
    /// <exception cref="InvalidAppRequestException">The app name or origin is not valid.</exception>
    public async Task<Deploy> CreateAsync(Deploy deploy, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(AppNames.AppProblem(deploy.App));
        if (!DeployOrigins.All.Contains(deploy.Origin, StringComparer.Ordinal))
        {
            throw new InvalidAppRequestException($"The deploy origin '{deploy.Origin}' is not known: use one of {string.Join(", ", DeployOrigins.All)}.");
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        var stored = deploy with
        {
            Id = string.IsNullOrEmpty(deploy.Id) ? TimeOrderedId.New(now) : deploy.Id,
            StartedAt = deploy.StartedAt == default ? now : deploy.StartedAt,
        };
        if (!TimeOrderedId.IsValid(stored.Id))
        {
            throw new InvalidAppRequestException($"The deploy id '{stored.Id}' is not one this store makes; leave it empty.");
        }

        await _table.InsertAsync(ToEntity(AllPartition, stored), cancellationToken);
        await _table.UpsertAsync(ToEntity(AppPartition(stored.App), stored), TableUpdateMode.Replace, cancellationToken);
        return stored;
    }

    public async Task<Deploy?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AllPartition, id, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Deploys newest first, of one app or of all, skipping <paramref name="skip"/> and returning at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Deploy>> ListAsync(string? app, int skip, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        if (app is not null && AppNames.AppProblem(app) is not null)
        {
            return [];
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = TableQuery.Partition(app is null ? AllPartition : AppPartition(app)) with { PageSize = Math.Min(skip + limit, StorageLimits.MaxTablePageSize) };
        var result = new List<Deploy>(limit);
        var seen = 0;
        await foreach (var entity in _table.QueryAsyncEnumerable(query, cancellationToken))
        {
            if (seen++ < skip)
            {
                continue;
            }

            result.Add(FromEntity(entity));
            if (result.Count == limit)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Applies <paramref name="change"/> (id, app and start stay), retrying on a concurrent change.</summary>
    /// <returns>The changed deploy, or <c>null</c> if there is none.</returns>
    public async Task<Deploy?> UpdateAsync(string id, Func<Deploy, Deploy> change, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            if (await _table.GetAsync(AllPartition, id, cancellationToken) is not { } entity)
            {
                return null;
            }

            var current = FromEntity(entity);
            var updated = change(current) with { Id = current.Id, App = current.App, StartedAt = current.StartedAt };
            try
            {
                await _table.ReplaceAsync(ToEntity(AllPartition, updated), entity.ETag, cancellationToken);
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                continue;
            }

            await _table.UpsertAsync(ToEntity(AppPartition(updated.App), updated), TableUpdateMode.Replace, cancellationToken);
            return updated;
        }
    }

    /// <summary>
    /// Ends the deploy now, failed when <paramref name="error"/> is set. Finishing a finished deploy keeps the first
    /// result (and copies it to the app's history again, in case an earlier finish stopped half-way).
    /// </summary>
    public Task<Deploy?> FinishAsync(string id, string? error, CancellationToken cancellationToken) =>
        UpdateAsync(id, d => d.Finished ? d : d with { FinishedAt = time.GetUtcNow(), Error = error }, cancellationToken);

    /// <summary>Removes an app's history: the authoritative rows first, so a retry after a crash still finds them through the app's partition.</summary>
    internal async Task DeleteAppAsync(string app, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.Partition(AppPartition(app)), cancellationToken);
        foreach (var row in rows)
        {
            await TableRows.DeleteIfExistsAsync(_table, AllPartition, row.RowKey, cancellationToken);
        }

        await TableRows.DeletePartitionAsync(_table, AppPartition(app), cancellationToken);
    }

    private static string AppPartition(string app) => "app|" + app;

    private static TableEntity ToEntity(string partition, Deploy d) => new(partition, d.Id)
    {
        ["App"] = d.App,
        ["Version"] = d.Version,
        ["Image"] = d.Image,
        ["User"] = d.User,
        ["Origin"] = d.Origin,
        ["Message"] = TextClip.Checked(d.Message, "deploy message"),
        ["StartedAt"] = d.StartedAt,
        ["FinishedAt"] = d.FinishedAt,
        ["Error"] = TextClip.Clip(d.Error),
        ["CanRollback"] = d.CanRollback,
        ["EventId"] = d.EventId,
    };

    private static Deploy FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("App") ?? "",
        e.GetInt32("Version"),
        e.GetString("Image"),
        e.GetString("User") ?? "",
        e.GetString("Origin") ?? DeployOrigins.AppDeploy,
        e.GetString("Message"),
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("FinishedAt"),
        e.GetString("Error"),
        e.GetBoolean("CanRollback") ?? false,
        e.GetString("EventId"));
}
