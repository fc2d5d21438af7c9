using System.Security.Cryptography;
using Azure;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Schedules;

/// <summary>
/// Schedules in <c>StratusSchedules</c>: one partition per workspace (<c>{org}|{ws}</c>, row key the schedule id), and a
/// due index in partition <c>due</c> whose row keys <c>{nextDueUtcTicks:D19}|{org}|{ws}|{id}</c> sort by due time, so the
/// timer reads what is due with one range query and never walks workspaces. Disabled schedules have no index row.
/// </summary>
/// <remarks>
/// Every change writes the new index row before the schedule row and removes the old index row after it, and every index
/// removal is conditional on the ETag read, so a crash or a race leaves at worst an extra index row. An index row whose
/// schedule no longer points at it is stale: <see cref="ResolveAsync"/> reports it and <see cref="RemoveStaleAsync"/>
/// deletes it (re-ensuring the schedule's real row first), so the index heals itself.
/// </remarks>
public sealed class ScheduleStore(IStorageAccount storage)
{
    public const string TableName = "StratusSchedules";
    public const string DuePartition = "due";
    public const string IdPrefix = "sch-";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    public static string Partition(string organization, string workspace) => $"{organization}|{workspace}";

    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// The first firing of <paramref name="cron"/> at or after <paramref name="now"/> (a firing exactly at
    /// <paramref name="now"/> is not lost); <c>null</c> when there is none.
    /// </summary>
    public static DateTimeOffset? NextAtOrAfter(QuartzCronExpression cron, DateTimeOffset now) =>
        cron.GetNextOccurrence(now.AddTicks(-1))?.ToUniversalTime();

    /// <summary>
    /// Stores a new schedule (its <see cref="Schedule.NextDueAt"/> is computed from the cron and <paramref name="now"/>).
    /// </summary>
    /// <returns>The stored schedule, or <c>null</c> when the id is taken.</returns>
    /// <exception cref="FormatException">The cron is not a valid Quartz expression.</exception>
    public async Task<Schedule?> CreateAsync(Schedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var cron = QuartzCronExpression.Parse(schedule.Cron);
        var stored = schedule with { Cron = cron.Text, NextDueAt = schedule.Enabled ? NextAtOrAfter(cron, now) : null };
        var index = await EnsureIndexAsync(stored, cancellationToken);
        try
        {
            await _table.InsertAsync(ToEntity(stored), cancellationToken);
        }
        catch (ResourceConflictException)
        {
            await TryDeleteIndexAsync(index, cancellationToken);
            return null;
        }

        await EnsureIndexAsync(stored, cancellationToken);
        return stored;
    }

    public async Task<Schedule?> GetAsync(string organization, string workspace, string id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition(organization, workspace), id, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<InfraPage<Schedule>> ListAsync(string organization, string workspace, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(TableQuery.Partition(Partition(organization, workspace)) with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new InfraPage<Schedule>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> (cron, template, description, enabled), retrying on a concurrent change. A new
    /// cron, or enabling, recomputes the next firing from <paramref name="now"/>; disabling clears it.
    /// </summary>
    /// <returns>The changed schedule, or <c>null</c> when there is none.</returns>
    /// <exception cref="FormatException">The changed cron is not a valid Quartz expression.</exception>
    public async Task<Schedule?> UpdateAsync(string organization, string workspace, string id, Func<Schedule, Schedule> change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(organization, workspace), id, cancellationToken);
            if (entity is null)
            {
                return null;
            }

            var current = FromEntity(entity);
            var changed = change(current);
            var cron = QuartzCronExpression.Parse(changed.Cron);
            var reschedule = cron.Text != current.Cron || !current.Enabled;
            var updated = changed with
            {
                Organization = organization,
                Workspace = workspace,
                Id = id,
                Cron = cron.Text,
                UpdatedAt = now,
                NextDueAt = !changed.Enabled ? null : reschedule ? NextAtOrAfter(cron, now) : current.NextDueAt,
            };
            if (await TryReplaceAsync(current, updated, entity.ETag, cancellationToken))
            {
                return updated;
            }
        }
    }

    /// <returns><c>false</c> when there is no such schedule.</returns>
    public async Task<bool> DeleteAsync(string organization, string workspace, string id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(organization, workspace), id, cancellationToken);
            if (entity is null)
            {
                return false;
            }

            try
            {
                await _table.DeleteAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
            }
            catch (PreconditionFailedException)
            {
                continue;
            }
            catch (ResourceNotFoundException)
            {
                return false;
            }

            if (FromEntity(entity).NextDueAt is { } due)
            {
                await TryDeleteIndexAsync(IndexKey(organization, workspace, id, due), default, cancellationToken);
            }

            return true;
        }
    }

    /// <summary>Index rows due strictly before <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ScheduleFiring>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var query = new TableQuery { PartitionKey = DuePartition, RowKeyTo = Ticks(now), PageSize = Math.Clamp(max, 1, StorageLimits.MaxTablePageSize) };
        var due = new List<ScheduleFiring>();
        string? continuation = null;
        do
        {
            var page = await _table.QueryAsync(query, continuation, cancellationToken);
            foreach (var entity in page.Items)
            {
                if (ParseIndex(entity) is { } firing)
                {
                    due.Add(firing);
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null && due.Count < max);

        return due.Take(max).ToList();
    }

    /// <summary>The schedule the index row fires, or <c>null</c> when the row is stale (the schedule is gone, disabled or due at another time).</summary>
    public async Task<Schedule?> ResolveAsync(ScheduleFiring firing, CancellationToken cancellationToken)
    {
        var schedule = await GetAsync(firing.Organization, firing.Workspace, firing.ScheduleId, cancellationToken);
        return schedule is { Enabled: true, NextDueAt: { } next } && next.UtcTicks == firing.DueAt.UtcTicks ? schedule : null;
    }

    /// <summary>
    /// Deletes a stale index row (unless rewritten meanwhile), first making sure the schedule's real next firing, if any,
    /// has its row.
    /// </summary>
    public async Task RemoveStaleAsync(ScheduleFiring firing, CancellationToken cancellationToken)
    {
        if (await GetAsync(firing.Organization, firing.Workspace, firing.ScheduleId, cancellationToken) is { } schedule)
        {
            await EnsureIndexAsync(schedule, cancellationToken);
            if (schedule is { Enabled: true, NextDueAt: { } next } && next.UtcTicks == firing.DueAt.UtcTicks)
            {
                return;
            }
        }

        await TryDeleteIndexAsync(firing.RowKey, firing.ETag, cancellationToken);
    }

    /// <summary>
    /// Records what firing <paramref name="firing"/> did and moves the schedule to its next firing after the due time,
    /// skipping firings missed before <paramref name="now"/> (at most one firing per backlog, as Quartz's "fire once now").
    /// Safe to repeat and to race: only the instance whose write lands while the schedule still points at this firing
    /// advances it; the others change nothing.
    /// </summary>
    /// <returns>The advanced schedule, or <c>null</c> when this firing had already been handled (or the schedule changed).</returns>
    public async Task<Schedule?> AdvanceAsync(ScheduleFiring firing, ScheduleOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(firing.Organization, firing.Workspace), firing.ScheduleId, cancellationToken);
            var current = entity is null ? null : FromEntity(entity);
            if (current is not { Enabled: true, NextDueAt: { } due } || due.UtcTicks != firing.DueAt.UtcTicks)
            {
                // Handled by another instance, or changed by a user: the row is stale now.
                await RemoveStaleAsync(firing, cancellationToken);
                return null;
            }

            DateTimeOffset? next = null;
            if (QuartzCronExpression.TryParse(current.Cron, out var cron, out _))
            {
                next = cron.GetNextOccurrence(firing.DueAt)?.ToUniversalTime();
                if (next is { } missed && missed < now)
                {
                    next = NextAtOrAfter(cron, now);
                }
            }

            var updated = current with
            {
                NextDueAt = next,
                LastFiredAt = firing.DueAt,
                LastJobId = outcome.JobId ?? current.LastJobId,
                LastSkipReason = outcome.SkipReason,
            };
            if (await TryReplaceAsync(current, updated, entity!.ETag, cancellationToken))
            {
                return updated;
            }
        }
    }

    /// <summary>Writes the new index row, replaces the schedule row, re-ensures the new index row, removes the old one.</summary>
    private async Task<bool> TryReplaceAsync(Schedule current, Schedule updated, ETag etag, CancellationToken cancellationToken)
    {
        var oldKey = IndexKeyOf(current);
        var newKey = IndexKeyOf(updated);
        var written = await EnsureIndexAsync(updated, cancellationToken);
        try
        {
            await _table.ReplaceAsync(ToEntity(updated), etag, cancellationToken);
        }
        catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
        {
            // Lost a race: drop the row we wrote unless the winner's schedule points at it too (the ETag check keeps a
            // row someone rewrote since).
            if (written is not null && newKey != oldKey)
            {
                var now = await _table.GetAsync(Partition(updated.Organization, updated.Workspace), updated.Id, cancellationToken);
                if (now is null || IndexKeyOf(FromEntity(now)) != newKey)
                {
                    await TryDeleteIndexAsync(written, cancellationToken);
                }
            }

            return false;
        }

        // A timer that judged the new row stale before the schedule pointed at it may have removed it: put it back.
        await EnsureIndexAsync(updated, cancellationToken);
        if (oldKey is not null && oldKey != newKey)
        {
            await TryDeleteIndexAsync(oldKey, default, cancellationToken);
        }

        return true;
    }

    /// <summary>Inserts, or rewrites (so a concurrent conditional delete of an older copy fails), the schedule's index row.</summary>
    private async Task<(string Key, ETag ETag)?> EnsureIndexAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        if (IndexKeyOf(schedule) is not { } key)
        {
            return null;
        }

        var row = new TableEntity(DuePartition, key)
        {
            ["Organization"] = schedule.Organization,
            ["Workspace"] = schedule.Workspace,
            ["ScheduleId"] = schedule.Id,
            ["DueAt"] = schedule.NextDueAt,
        };
        return (key, await _table.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken));
    }

    private Task TryDeleteIndexAsync((string Key, ETag ETag)? row, CancellationToken cancellationToken) =>
        row is { } r ? TryDeleteIndexAsync(r.Key, r.ETag, cancellationToken) : Task.CompletedTask;

    private async Task TryDeleteIndexAsync(string key, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteAsync(DuePartition, key, etag == default ? ETag.All : etag, cancellationToken);
        }
        catch (Exception ex) when (ex is ResourceNotFoundException or PreconditionFailedException)
        {
            // Gone already, or rewritten by someone who still needs it.
        }
    }

    private static string? IndexKeyOf(Schedule s) => s is { Enabled: true, NextDueAt: { } due } ? IndexKey(s.Organization, s.Workspace, s.Id, due) : null;

    private static string IndexKey(string organization, string workspace, string id, DateTimeOffset due) => $"{Ticks(due)}|{organization}|{workspace}|{id}";

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static ScheduleFiring? ParseIndex(TableEntity e)
    {
        var parts = e.RowKey.Split('|');
        return parts.Length == 4 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3155378975999999999
            ? new ScheduleFiring(parts[1], parts[2], parts[3], new DateTimeOffset(ticks, TimeSpan.Zero), e.RowKey, e.ETag)
            : null;
    }

    private static TableEntity ToEntity(Schedule s) => new(Partition(s.Organization, s.Workspace), s.Id)
    {
        ["Cron"] = s.Cron,
        ["Template"] = s.Template,
        ["Description"] = s.Description,
        ["Enabled"] = s.Enabled,
        ["NextDueAt"] = s.NextDueAt,
        ["LastFiredAt"] = s.LastFiredAt,
        ["LastJobId"] = s.LastJobId,
        ["LastSkipReason"] = s.LastSkipReason,
        ["CreatedAt"] = s.CreatedAt,
        ["CreatedBy"] = s.CreatedBy,
        ["UpdatedAt"] = s.UpdatedAt,
    };

    private static Schedule FromEntity(TableEntity e)
    {
        var partition = e.PartitionKey.Split('|');
        return new Schedule(
            partition[0], partition.Length > 1 ? partition[1] : "", e.RowKey, e.GetString("Cron") ?? "", e.GetString("Template") ?? "", e.GetString("Description"),
            e.GetBoolean("Enabled") ?? false, e.GetDateTimeOffset("NextDueAt"), e.GetDateTimeOffset("LastFiredAt"), e.GetInt32("LastJobId"),
            e.GetString("LastSkipReason"), e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetString("CreatedBy") ?? "",
            e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
    }
}
