using Azure;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Jobs;

/// <summary>
/// A job's runs, in its partition of <c>StratusAppJobs</c>, newest first. A run is inserted once: the id of a scheduled
/// run comes from its due time (<see cref="AppJobKeys.ScheduledRunId"/>), so a second host firing the same due time
/// gets <c>null</c> from <see cref="CreateAsync"/> instead of a second run.
/// </summary>
public sealed class AppJobRunStore(IStorageAccount storage)
{
    private readonly ITableClient _table = storage.Tables.GetTable(AppJobKeys.TableName);
    private readonly AppsTable _ensure = new();

    /// <returns>The stored run, or <c>null</c> if a run with its id exists already.</returns>
    public async Task<AppJobRun?> CreateAsync(AppJobRun run, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            var etag = await _table.InsertAsync(ToEntity(run), cancellationToken);
            return run with { ETag = etag.ToString() };
        }
        catch (ResourceConflictException)
        {
            return null;
        }
    }

    public async Task<AppJobRun?> GetAsync(string job, string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AppJobKeys.Partition(job), AppJobKeys.Run(id), cancellationToken) is { } e ? FromEntity(job, e) : null;
    }

    /// <summary>One page of the job's runs, newest first.</summary>
    /// <exception cref="InvalidStorageRequestException"><paramref name="continuationToken"/> is not one this list returned.</exception>
    public async Task<AppsPage<AppJobRun>> ListAsync(string job, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = TableQuery.RowKeyPrefix(AppJobKeys.Partition(job), AppJobKeys.RunPrefix) with { PageSize = pageSize };
        var page = await _table.QueryAsync(query, continuationToken, cancellationToken);
        return new AppsPage<AppJobRun>(page.Items.Select(e => FromEntity(job, e)).ToList(), page.ContinuationToken);
    }

    /// <summary>The job's pending and running runs (the concurrency policy asks).</summary>
    public async Task<IReadOnlyList<AppJobRun>> ActiveAsync(string job, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = TableQuery.RowKeyPrefix(AppJobKeys.Partition(job), AppJobKeys.RunPrefix) with
        {
            Filter = TableFilter.Equal("Status", AppJobRunStatus.Pending) | TableFilter.Equal("Status", AppJobRunStatus.Running),
        };
        return (await _table.QueryAllAsync(query, cancellationToken)).Select(e => FromEntity(job, e)).ToList();
    }

    /// <summary>Applies <paramref name="change"/> to the run, re-reading and re-applying on a concurrent change.</summary>
    /// <returns>The changed run, or <c>null</c> if it is gone (its job was removed).</returns>
    public async Task<AppJobRun?> UpdateAsync(string job, string id, Func<AppJobRun, AppJobRun> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await GetAsync(job, id, cancellationToken) is not { } current)
            {
                return null;
            }

            var changed = change(current) with { Job = job, Id = id };
            try
            {
                var etag = await _table.ReplaceAsync(ToEntity(changed), new ETag(current.ETag!), cancellationToken);
                return changed with { ETag = etag.ToString() };
            }
            catch (PreconditionFailedException)
            {
                // Changed meanwhile: apply ours to the new version.
            }
            catch (ResourceNotFoundException)
            {
                return null;
            }
        }
    }

    private static TableEntity ToEntity(AppJobRun r) => new(AppJobKeys.Partition(r.Job), AppJobKeys.Run(r.Id))
    {
        ["Trigger"] = r.Trigger,
        ["DueAt"] = r.DueAt,
        ["Status"] = r.Status,
        ["CreatedBy"] = r.CreatedBy,
        ["CreatedAt"] = r.CreatedAt,
        ["Image"] = r.Image,
        ["StartedAt"] = r.StartedAt,
        ["FinishedAt"] = r.FinishedAt,
        ["ExitCode"] = r.ExitCode,
        ["Attempts"] = r.Attempts,
        ["Error"] = TextClip.Clip(r.Error),
    };

    private static AppJobRun FromEntity(string job, TableEntity e) => new(
        job,
        e.RowKey[AppJobKeys.RunPrefix.Length..],
        e.GetString("Trigger") ?? AppJobRunTriggers.Manual,
        e.GetDateTimeOffset("DueAt"),
        e.GetString("Status") ?? AppJobRunStatus.Pending,
        e.GetString("CreatedBy") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("Image"),
        e.GetDateTimeOffset("StartedAt"),
        e.GetDateTimeOffset("FinishedAt"),
        e.GetInt32("ExitCode"),
        e.GetInt32("Attempts") ?? 0,
        e.GetString("Error"),
        e.ETag.ToString());
}
