using System.Globalization;
using System.Text.Json;
using Azure;
using Stratus.Durable.History;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Storage;

/// <summary>
/// An instance's partition of the History table: history rows (<c>h-</c> + first sequence number), inbox rows
/// (<c>i-</c> + arrival ticks + unique suffix, so they sort by arrival) and the sentinel, whose ETag guards them all.
/// A checkpoint is one entity-group transaction, so history, inbox and sentinel change together or not at all.
/// </summary>
internal sealed class HistoryStore(TaskHub hub, PayloadStore payloads, TimeProvider timeProvider)
{
    public const string SentinelKey = "sentinel";
    public const string HistoryPrefix = "h-";
    public const string InboxPrefix = "i-";

    /// <summary>Rows larger than this go to a blob, keeping the row and the transaction within their limits.</summary>
    private const int MaxRowChars = 200_000;
    private const int MaxTransactionChars = 2_000_000;

    public async Task<LoadedInstance> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await hub.History.QueryAllAsync(TableQuery.Partition(instanceId), cancellationToken);
        var sentinel = rows.FirstOrDefault(r => r.RowKey == SentinelKey);
        var state = sentinel is null ? null : InstanceStateRecords.FromEntity(sentinel);
        var history = new List<HistoryEvent>();
        var inbox = new List<InboxRow>();
        var stale = new List<(string, ETag)>();
        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(HistoryPrefix, StringComparison.Ordinal))
            {
                var firstSeq = int.Parse(row.RowKey.AsSpan(HistoryPrefix.Length), CultureInfo.InvariantCulture);
                if (state is not null && row.GetString("ExecutionId") == state.ExecutionId && firstSeq < state.HistoryCount)
                {
                    history.AddRange(await ReadEventsAsync(row, cancellationToken));
                }
                else
                {
                    stale.Add((row.RowKey, row.ETag));
                }
            }
            else if (row.RowKey.StartsWith(InboxPrefix, StringComparison.Ordinal))
            {
                inbox.Add(await ReadInboxAsync(row, cancellationToken));
            }
        }

        return new LoadedInstance(state, history, inbox, stale);
    }

    public async Task<IReadOnlyList<InboxRow>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await hub.History.QueryAllAsync(TableQuery.RowKeyPrefix(instanceId, InboxPrefix), cancellationToken);
        var inbox = new List<InboxRow>(rows.Count);
        foreach (var row in rows)
        {
            inbox.Add(await ReadInboxAsync(row, cancellationToken));
        }

        return inbox;
    }

    /// <summary>
    /// Puts a message in an instance's inbox. The row key is fixed before the first attempt, so a retried insert
    /// that finds its own row (409) has succeeded.
    /// </summary>
    public async Task AppendInboxAsync(string instanceId, HistoryEvent message, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var entity = await ToInboxEntityAsync(instanceId, message, dueAt, cancellationToken);
        try
        {
            await hub.History.InsertAsync(entity, cancellationToken);
        }
        catch (ResourceConflictException)
        {
        }
    }

    /// <exception cref="CheckpointConflictException">Another worker changed the instance since it was loaded.</exception>
    public async Task<ETag> CheckpointAsync(string instanceId, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var firstSeq = checkpoint.ResetHistory || checkpoint.Previous is null ? 0 : checkpoint.Previous.HistoryCount;
        var budget = StorageLimits.MaxTransactionActions - 1 - checkpoint.Consumed.Count - checkpoint.SelfInbox.Count;
        foreach (var row in await ToHistoryRowsAsync(instanceId, checkpoint.Next.ExecutionId, firstSeq, checkpoint.NewEvents, budget, cancellationToken))
        {
            actions.Add(TableTransactionAction.Upsert(row));
        }

        foreach (var consumed in checkpoint.Consumed)
        {
            actions.Add(TableTransactionAction.Delete(instanceId, consumed.RowKey, ETag.All));
        }

        foreach (var message in checkpoint.SelfInbox)
        {
            actions.Add(TableTransactionAction.Insert(await ToInboxEntityAsync(instanceId, message, null, cancellationToken)));
        }

        var sentinel = InstanceStateRecords.ToEntity(checkpoint.Next, instanceId, SentinelKey);
        actions.Add(checkpoint.Previous is null
            ? TableTransactionAction.Insert(sentinel)
            : TableTransactionAction.Replace(sentinel, checkpoint.Previous.ETag));
        try
        {
            var etags = await hub.History.SubmitTransactionAsync(actions, cancellationToken);
            return etags[^1] ?? ETag.All;
        }
        catch (Exception exception) when (exception is PreconditionFailedException or ResourceConflictException or ResourceNotFoundException)
        {
            throw new CheckpointConflictException($"Instance '{instanceId}' changed while it was being processed.", exception);
        }
    }

    /// <summary>Deletes history rows of earlier executions; best effort, a later load ignores them anyway.</summary>
    public async Task DeleteStaleRowsAsync(string instanceId, IReadOnlyList<(string RowKey, ETag ETag)> stale, CancellationToken cancellationToken)
    {
        foreach (var chunk in stale.Chunk(StorageLimits.MaxTransactionActions))
        {
            try
            {
                await hub.History.SubmitTransactionAsync([.. chunk.Select(s => TableTransactionAction.Delete(instanceId, s.RowKey, s.ETag))], cancellationToken);
            }
            catch (StorageException)
            {
                // Overwritten by a newer execution in the meantime (412) or gone already (404): nothing to clean.
            }
        }
    }

    /// <summary>Deletes the whole partition: history, inbox and sentinel.</summary>
    public async Task DeletePartitionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await hub.History.QueryAllAsync(TableQuery.Partition(instanceId) with { Select = ["Type"] }, cancellationToken);
        foreach (var chunk in rows.Chunk(StorageLimits.MaxTransactionActions))
        {
            await hub.History.SubmitTransactionAsync([.. chunk.Select(r => TableTransactionAction.Delete(instanceId, r.RowKey, ETag.All))], cancellationToken);
        }
    }

    public string NewInboxKey(DateTimeOffset at) =>
        $"{InboxPrefix}{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";

    private async Task<TableEntity> ToInboxEntityAsync(string instanceId, HistoryEvent message, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        message = await payloads.ExternalizeAsync(instanceId, message, cancellationToken);
        var entity = new TableEntity(instanceId, NewInboxKey(dueAt ?? timeProvider.GetUtcNow()))
        {
            ["Type"] = message.GetType().Name,
            ["DueAt"] = dueAt,
        };
        ChunkedText.Write(entity, "E", JsonSerializer.Serialize(message, DurableSerializer.Options));
        return entity;
    }

    private async Task<InboxRow> ReadInboxAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<HistoryEvent>(ChunkedText.Read(row, "E") ?? "null", DurableSerializer.Options)
            ?? throw new InvalidDataException($"Inbox row '{row.PartitionKey}/{row.RowKey}' holds no event.");
        return new InboxRow(row.RowKey, row.ETag, await payloads.ResolveAsync(message, cancellationToken), row.GetDateTimeOffset("DueAt"));
    }

    private async Task<IReadOnlyList<TableEntity>> ToHistoryRowsAsync(
        string instanceId, string executionId, int firstSeq, IReadOnlyList<HistoryEvent> events, int budget, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var stored = new HistoryEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            stored[i] = await payloads.ExternalizeAsync(instanceId, events[i], cancellationToken);
        }

        // One event per row while the transaction has room; beyond that, several events share a row.
        var perRow = (int)Math.Ceiling(stored.Length / (double)Math.Max(1, budget));
        var groups = stored.Chunk(perRow).Select(g => JsonSerializer.Serialize<IReadOnlyList<HistoryEvent>>(g, DurableSerializer.Options)).ToList();
        var tooBig = groups.Sum(g => g.Length) > MaxTransactionChars;
        var rows = new List<TableEntity>(groups.Count);
        var seq = firstSeq;
        for (var i = 0; i < groups.Count; i++)
        {
            var count = Math.Min(perRow, stored.Length - (i * perRow));
            var row = new TableEntity(instanceId, HistoryPrefix + seq.ToString("D10", CultureInfo.InvariantCulture))
            {
                ["ExecutionId"] = executionId,
                ["Count"] = count,
                ["Type"] = count == 1 ? stored[i * perRow].GetType().Name : "Batch",
            };
            if (tooBig || groups[i].Length > MaxRowChars)
            {
                var (_, blob) = await payloads.ExternalizeAsync(instanceId, groups[i], force: true, cancellationToken);
                row["Blob"] = blob;
            }
            else
            {
                ChunkedText.Write(row, "E", groups[i]);
            }

            rows.Add(row);
            seq += count;
        }

        return rows;
    }

    private async Task<IReadOnlyList<HistoryEvent>> ReadEventsAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = row.GetString("Blob") is { } blob
            ? await payloads.ResolveAsync(null, blob, cancellationToken)
            : ChunkedText.Read(row, "E");
        var events = JsonSerializer.Deserialize<List<HistoryEvent>>(json ?? "[]", DurableSerializer.Options) ?? [];
        for (var i = 0; i < events.Count; i++)
        {
            events[i] = await payloads.ResolveAsync(events[i], cancellationToken);
        }

        return events;
    }
}
