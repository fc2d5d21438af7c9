using Azure;
using Stratus.Apps.Apps;
using Stratus.Apps.Names;
using Stratus.Secrets;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Jobs;

/// <summary>
/// Jobs and their environment in <c>StratusAppJobs</c> (keys in <see cref="AppJobKeys"/>), written as
/// <see cref="AppStore"/> writes apps: the job row carries an ETag, <see cref="UpdateAsync"/> re-reads and re-applies
/// on a concurrent change. Private env values are encrypted, bound to <c>job-env:&lt;job&gt;:&lt;name&gt;</c>.
/// </summary>
public sealed class AppJobStore(IStorageAccount storage, SecretProtector protector, TimeProvider time)
{
    public const string TableName = AppJobKeys.TableName;
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);

    /// <summary>Made on first use: its owner check calls this store's <see cref="GetAsync"/>.</summary>
    private EnvRows Env => field ??= new(_table, protector, time, AppJobKeys.Partition, RequireAsync, "job-env");
    private readonly AppsTable _ensure = new();

    /// <returns>The stored job, with its first due time, ETag and times.</returns>
    /// <exception cref="InvalidAppRequestException">The job has a problem.</exception>
    /// <exception cref="AppJobConflictException">A job with the name exists.</exception>
    public async Task<AppJob> CreateAsync(AppJob job, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(job.Problem());
        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        var stored = job.ScheduledAfter(now) with { CreatedAt = now, UpdatedAt = now };
        try
        {
            var etag = await _table.InsertAsync(ToEntity(stored), cancellationToken);
            return stored with { ETag = etag.ToString() };
        }
        catch (ResourceConflictException)
        {
            throw new AppJobConflictException(job.Name);
        }
    }

    public async Task<AppJob?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AppJobKeys.IndexPartition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>One page of the jobs (one partition, by name), optionally only those of a pool and/or a team owner.</summary>
    /// <exception cref="InvalidStorageRequestException"><paramref name="continuationToken"/> is not one this list returned.</exception>
    public async Task<AppsPage<AppJob>> ListAsync(string? pool, string? teamOwner, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        TableFilter? filter = pool is null ? null : TableFilter.Equal("Pool", pool);
        if (teamOwner is not null)
        {
            filter = filter is null ? TableFilter.Equal("TeamOwner", teamOwner) : filter & TableFilter.Equal("TeamOwner", teamOwner);
        }

        var query = TableQuery.Partition(AppJobKeys.IndexPartition) with { Filter = filter, PageSize = pageSize };
        var page = await _table.QueryAsync(query, continuationToken, cancellationToken);
        return new AppsPage<AppJob>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    /// <summary>Jobs whose next firing is at or before <paramref name="now"/>, soonest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<AppJob>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = TableQuery.Partition(AppJobKeys.IndexPartition) with { Filter = TableFilter.LessThanOrEqual("NextDueAt", now) };
        var rows = await _table.QueryAllAsync(query, cancellationToken);
        return rows.Select(FromEntity).Where(j => j.NextDueAt is not null).OrderBy(j => j.NextDueAt).Take(max).ToList();
    }

    /// <summary>
    /// Moves a job fired for <paramref name="firedDueAt"/> to its first firing after <paramref name="now"/> (firings
    /// missed while no timer ran are not made up, as a CronJob past its deadline). A job whose due time has moved
    /// meanwhile (another host advanced it, or its schedule changed) is left alone.
    /// </summary>
    /// <returns>The job as stored after the call, or <c>null</c> if it is gone.</returns>
    public Task<AppJob?> AdvanceAsync(string name, DateTimeOffset firedDueAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(name, j => j.NextDueAt == firedDueAt ? j.ScheduledAfter(now > firedDueAt ? now : firedDueAt) : j, cancellationToken);

    /// <summary>Applies <paramref name="change"/> (name and creation time stay), re-reading and re-applying on a concurrent change.</summary>
    /// <returns>The changed job with its new ETag, or <c>null</c> if there is none.</returns>
    /// <exception cref="InvalidAppRequestException">The changed job has a problem.</exception>
    public async Task<AppJob?> UpdateAsync(string name, Func<AppJob, AppJob> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await GetAsync(name, cancellationToken) is not { } current)
            {
                return null;
            }

            var changed = change(current) with { Name = current.Name, CreatedAt = current.CreatedAt, CreatedBy = current.CreatedBy };
            InvalidAppRequestException.ThrowIfProblem(changed.Problem());
            if (changed.Schedule != current.Schedule || changed.Manual != current.Manual)
            {
                changed = changed.ScheduledAfter(time.GetUtcNow());
            }

            var stored = changed with { UpdatedAt = time.GetUtcNow() };
            try
            {
                var etag = await _table.ReplaceAsync(ToEntity(stored), new ETag(current.ETag!), cancellationToken);
                return stored with { ETag = etag.ToString() };
            }
            catch (PreconditionFailedException)
            {
                // Someone else changed it first: apply ours to their version.
            }
            catch (ResourceNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Removes the job with its env and runs (its partition first, the job row last, so a removal cut short can be run again).</summary>
    /// <returns><c>false</c> if there was no such job.</returns>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(name) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        await TableRows.DeletePartitionAsync(_table, AppJobKeys.Partition(name), cancellationToken);
        return await TableRows.DeleteIfExistsAsync(_table, AppJobKeys.IndexPartition, name, cancellationToken);
    }

    /// <summary>The job's env, by name, private values masked (value <c>null</c>).</summary>
    /// <exception cref="AppJobNotFoundException">There is no such job.</exception>
    public Task<IReadOnlyList<EnvVar>> GetEnvAsync(string job, CancellationToken cancellationToken) => Env.ReadMaskedAsync(job, cancellationToken);

    /// <summary>The job's env with private values decrypted: for the runner, never for display.</summary>
    /// <exception cref="AppJobNotFoundException">There is no such job.</exception>
    /// <exception cref="SecretProtectionException">A private value does not decrypt (wrong or missing key, or altered).</exception>
    public Task<IReadOnlyList<EnvVar>> GetEnvForRunAsync(string job, CancellationToken cancellationToken) => Env.ReadDecryptedAsync(job, cancellationToken);

    /// <summary>
    /// Sets variables in one transaction; with <paramref name="pruneUnused"/> every other variable is removed in the
    /// same transaction, so readers see the old env or the new one, never a mix. At most 100 rows change at once.
    /// </summary>
    /// <exception cref="AppJobNotFoundException">There is no such job.</exception>
    /// <exception cref="InvalidAppRequestException">A variable has a problem, or too many change at once.</exception>
    public Task SetEnvAsync(string job, IEnumerable<EnvVar> envs, bool pruneUnused, CancellationToken cancellationToken) =>
        Env.SetAsync(job, envs, pruneUnused, cancellationToken);

    /// <summary>Removes the named variables (absent ones are ignored) in one transaction.</summary>
    /// <exception cref="AppJobNotFoundException">There is no such job.</exception>
    public Task UnsetEnvAsync(string job, IEnumerable<string> names, CancellationToken cancellationToken) =>
        Env.UnsetAsync(job, names, cancellationToken);

    private async Task RequireAsync(string job, CancellationToken cancellationToken)
    {
        if (await GetAsync(job, cancellationToken) is null)
        {
            throw new AppJobNotFoundException(job);
        }
    }

    private static TableEntity ToEntity(AppJob j) => new(AppJobKeys.IndexPartition, j.Name)
    {
        ["TeamOwner"] = j.TeamOwner,
        ["Pool"] = j.Pool,
        ["Plan"] = j.Plan,
        ["Description"] = TextClip.Checked(j.Description, "description"),
        ["Tags"] = AppsJson.Write(j.Tags),
        ["Image"] = j.Container.Image,
        ["App"] = j.Container.App,
        ["Command"] = AppsJson.Write(j.Container.Command),
        ["Schedule"] = j.Schedule,
        ["Manual"] = j.Manual,
        ["ConcurrencyPolicy"] = j.ConcurrencyPolicy,
        ["ActiveDeadlineSeconds"] = j.ActiveDeadlineSeconds,
        ["BackoffLimit"] = j.BackoffLimit,
        ["NextDueAt"] = j.NextDueAt,
        ["CreatedBy"] = j.CreatedBy,
        ["CreatedAt"] = j.CreatedAt,
        ["UpdatedAt"] = j.UpdatedAt,
    };

    private static AppJob FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("TeamOwner") ?? "",
        e.GetString("Pool") ?? "",
        e.GetString("Plan") ?? "",
        e.GetString("Description"),
        AppsJson.ReadList(e.GetString("Tags")),
        new AppJobContainer(e.GetString("Image"), e.GetString("App"), AppsJson.ReadList(e.GetString("Command"))),
        e.GetString("Schedule"),
        e.GetBoolean("Manual") ?? false,
        e.GetString("ConcurrencyPolicy") ?? AppJobConcurrency.Allow,
        e.GetInt64("ActiveDeadlineSeconds") ?? AppJob.DefaultActiveDeadlineSeconds,
        e.GetInt32("BackoffLimit"),
        e.GetDateTimeOffset("NextDueAt"),
        e.GetString("CreatedBy") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());

}
