using System.Globalization;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Jobs;

/// <summary>
/// Jobs and their steps in <c>StratusJobs</c>, one partition per workspace: <c>counter</c>, <c>j|0000000042</c> and
/// <c>s|0000000042|000100</c>. Creating a job takes the next number and writes the job, its steps and the counter in
/// one entity-group transaction, so two concurrent creations can never share a number or leave half a job.
/// </summary>
public sealed class JobStore(IStorageAccount storage)
{
    public const string TableName = "StratusJobs";
    private const string CounterKey = "counter";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    public static string Partition(string organization, string workspace) => $"{organization}|{workspace}";

    /// <summary>Numbers and stores a job with its steps; <paramref name="job"/>'s id is ignored.</summary>
    public async Task<Job> CreateAsync(Job job, IReadOnlyList<JobStep> steps, CancellationToken cancellationToken) =>
        (await CreateOnceAsync(job, steps, onceKey: null, cancellationToken))!;

    /// <summary>
    /// Like <see cref="CreateAsync"/>, but at most once per <paramref name="onceKey"/> (e.g. a schedule's firing): a
    /// marker row is written in the same transaction, so a second attempt, from any instance, creates nothing.
    /// </summary>
    /// <returns>The job, or <c>null</c> when a job with this key exists already.</returns>
    public async Task<Job?> CreateOnceAsync(Job job, IReadOnlyList<JobStep> steps, string? onceKey, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var partition = Partition(job.Organization, job.Workspace);
        while (true)
        {
            var counter = await _table.GetAsync(partition, CounterKey, cancellationToken);
            var id = (counter?.GetInt32("Last") ?? 0) + 1;
            var numbered = job with { Id = id };
            var actions = new List<TableTransactionAction>
            {
                counter is null
                    ? TableTransactionAction.Insert(new TableEntity(partition, CounterKey) { ["Last"] = id })
                    : TableTransactionAction.Replace(new TableEntity(partition, CounterKey) { ["Last"] = id }, counter.ETag),
                TableTransactionAction.Insert(ToEntity(numbered)),
            };
            actions.AddRange(steps.Select(s => TableTransactionAction.Insert(ToEntity(partition, s with { JobId = id }))));
            if (onceKey is not null)
            {
                actions.Add(TableTransactionAction.Insert(new TableEntity(partition, $"once|{onceKey}") { ["JobId"] = id }));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return numbered;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceConflictException)
            {
                if (onceKey is not null && await _table.GetAsync(partition, $"once|{onceKey}", cancellationToken) is not null)
                {
                    return null;
                }

                // Another job took this number first: take the next one.
            }
        }
    }

    public async Task<Job?> GetAsync(string organization, string workspace, int id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition(organization, workspace), JobKey(id), cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IReadOnlyList<JobStep>> GetStepsAsync(string organization, string workspace, int id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.RowKeyPrefix(Partition(organization, workspace), $"s|{id:D10}|"), cancellationToken);
        return rows.Select(StepFromEntity).OrderBy(s => s.Number).ToList();
    }

    /// <summary>One step of a job, by its number (a point read).</summary>
    public async Task<JobStep?> GetStepAsync(string organization, string workspace, int jobId, int number, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition(organization, workspace), StepKey(jobId, number), cancellationToken) is { } entity ? StepFromEntity(entity) : null;
    }

    /// <summary>Applies <paramref name="change"/> to one step; a step only its own activity writes needs no ETag.</summary>
    /// <returns>The changed step, or <c>null</c> if the job has no such step.</returns>
    public async Task<JobStep?> UpdateStepAsync(string organization, string workspace, int jobId, int number, Func<JobStep, JobStep> change, CancellationToken cancellationToken)
    {
        if (await GetStepAsync(organization, workspace, jobId, number, cancellationToken) is not { } step)
        {
            return null;
        }

        var updated = change(step);
        await UpdateStepAsync(organization, workspace, updated, cancellationToken);
        return updated;
    }

    /// <summary>A workspace's jobs, newest first.</summary>
    /// <summary>
    /// A workspace's jobs, newest first, <paramref name="pageSize"/> at a time. The continuation token is the number of
    /// the next (older) job to return: numbers are handed out without gaps (with the counter, in one transaction), so a
    /// page is one row-key range, read newest first although the table keeps rows oldest first.
    /// </summary>
    /// <exception cref="InvalidStorageRequestException"><paramref name="continuationToken"/> is not one this method returned.</exception>
    public async Task<InfraPage<Job>> ListAsync(string organization, string workspace, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, StorageLimits.MaxTablePageSize);
        await _ensure.EnsureAsync(_table, cancellationToken);
        var partition = Partition(organization, workspace);
        long top;
        if (continuationToken is null)
        {
            top = (await _table.GetAsync(partition, CounterKey, cancellationToken))?.GetInt32("Last") ?? 0;
        }
        else if (!long.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > int.MaxValue)
        {
            throw new InvalidStorageRequestException("InvalidInput", $"'{continuationToken}' is not a job list continuation token (a job number).");
        }

        if (top < 1)
        {
            return new InfraPage<Job>([], null);
        }

        var low = Math.Max(1, top - pageSize + 1);
        var query = new TableQuery { PartitionKey = partition, RowKeyFrom = JobKey(low), RowKeyTo = JobKey(top + 1) };
        var rows = await _table.QueryAllAsync(query, cancellationToken);
        var items = rows.Select(FromEntity).OrderByDescending(j => j.Id).ToList();
        return new InfraPage<Job>(items, low > 1 ? (low - 1).ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The oldest job still waiting in the workspace's queue, if any.</summary>
    public async Task<Job?> NextPendingAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = TableQuery.RowKeyPrefix(Partition(organization, workspace), "j|") with { Filter = TableFilter.Equal("Status", JobStatus.Pending) };
        await foreach (var entity in _table.QueryAsyncEnumerable(query, cancellationToken))
        {
            return FromEntity(entity);
        }

        return null;
    }

    /// <summary>Applies <paramref name="change"/> to the job, retrying on a concurrent change.</summary>
    public async Task<Job?> UpdateAsync(string organization, string workspace, int id, Func<Job, Job> change, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(organization, workspace), JobKey(id), cancellationToken);
            if (entity is null)
            {
                return null;
            }

            var updated = change(FromEntity(entity));
            try
            {
                await _table.ReplaceAsync(ToEntity(updated), entity.ETag, cancellationToken);
                return updated;
            }
            catch (PreconditionFailedException)
            {
                // Changed meanwhile (a cancel, an approval): apply ours on top.
            }
        }
    }

    public async Task UpdateStepAsync(string organization, string workspace, JobStep step, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.UpsertAsync(ToEntity(Partition(organization, workspace), step), TableUpdateMode.Replace, cancellationToken);
    }

    private static string JobKey(long id) => $"j|{id.ToString("D10", CultureInfo.InvariantCulture)}";

    private static TableEntity ToEntity(Job j) => new(Partition(j.Organization, j.Workspace), JobKey(j.Id))
    {
        ["Id"] = j.Id,
        ["Status"] = j.Status,
        ["Template"] = j.Template,
        ["Tcl"] = j.Tcl,
        ["Via"] = j.Via,
        ["CreatedBy"] = j.CreatedBy,
        ["CreatedAt"] = j.CreatedAt,
        ["StartedAt"] = j.StartedAt,
        ["FinishedAt"] = j.FinishedAt,
        ["ApprovalTeam"] = j.ApprovalTeam,
        ["PlanChanges"] = j.PlanChanges,
        ["Outputs"] = j.Outputs,
        ["PlanBlob"] = j.PlanBlob,
        ["StateVersion"] = j.StateVersion,
        ["Reason"] = j.Reason,
        ["CancelRequested"] = j.CancelRequested,
        ["DecidedBy"] = j.DecidedBy,
        ["SourceArchive"] = j.SourceArchive,
    };

    private static Job FromEntity(TableEntity e)
    {
        var partition = e.PartitionKey.Split('|');
        return new Job(
            partition[0], partition[1], e.GetInt32("Id") ?? 0, e.GetString("Status") ?? JobStatus.Pending, e.GetString("Template") ?? "",
            e.GetString("Tcl") ?? "", e.GetString("Via") ?? JobVia.Api, e.GetString("CreatedBy") ?? "", e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("StartedAt"), e.GetDateTimeOffset("FinishedAt"), e.GetString("ApprovalTeam"), e.GetBoolean("PlanChanges"),
            e.GetString("Outputs"), e.GetString("PlanBlob"), e.GetInt32("StateVersion"), e.GetString("Reason"), e.GetBoolean("CancelRequested") ?? false,
            e.GetString("DecidedBy"))
        {
            SourceArchive = e.GetString("SourceArchive"),
        };
    }

    private static string StepKey(int jobId, int number) => $"s|{jobId:D10}|{number:D6}";

    private static TableEntity ToEntity(string partition, JobStep s) => new(partition, StepKey(s.JobId, s.Number))
    {
        ["JobId"] = s.JobId,
        ["Number"] = s.Number,
        ["Name"] = s.Name,
        ["Type"] = s.Type,
        ["Status"] = s.Status,
        ["LogBlob"] = s.LogBlob,
        ["StartedAt"] = s.StartedAt,
        ["FinishedAt"] = s.FinishedAt,
        ["Reason"] = s.Reason,
    };

    private static JobStep StepFromEntity(TableEntity e) => new(
        e.GetInt32("JobId") ?? 0, e.GetInt32("Number") ?? 0, e.GetString("Name") ?? "", e.GetString("Type") ?? "", e.GetString("Status") ?? StepStatus.Pending,
        e.GetString("LogBlob"), e.GetDateTimeOffset("StartedAt"), e.GetDateTimeOffset("FinishedAt"), e.GetString("Reason"));
}
