using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;
using Stratus.Durable.Storage;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Worker;

/// <summary>
/// Leases control-queue partitions through the Partitions table: one row per partition (owner, expiry, ETag) and one
/// heartbeat row per worker. Each round a worker renews its leases, works out its fair share (partitions ÷ live
/// workers, rounded up), gives back any above it, and takes free or expired ones up to it. A worker that joins gets
/// partitions as others give them back; one that dies loses them when its leases expire.
/// </summary>
internal sealed class PartitionManager(TaskHub hub, TimeProvider timeProvider, ILogger<PartitionManager> logger)
{
    private const string PartitionKey = "partition";
    private const string WorkerKey = "worker";
    private readonly Dictionary<int, ETag> _owned = [];
    private readonly Lock _lock = new();

    public event Action<int>? Acquired;

    public event Action<int>? Released;

    private DurableOptions Options => hub.Options;

    public IReadOnlyList<int> Owned
    {
        get
        {
            lock (_lock)
            {
                return [.. _owned.Keys.Order()];
            }
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await BalanceOnceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                DurableLog.PartitionLoopFailed(logger, Options.WorkerId, exception);
            }

            try
            {
                await Task.Delay(Options.PartitionLeaseRenewInterval, timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round: heartbeat, renew, give back the excess, take up to the fair share.</summary>
    public async Task BalanceOnceAsync(CancellationToken cancellationToken)
    {
        var table = hub.Partitions;
        var now = timeProvider.GetUtcNow();
        await table.UpsertAsync(new TableEntity(WorkerKey, Options.WorkerId) { ["LastSeen"] = now }, cancellationToken: cancellationToken);
        await EnsurePartitionRowsAsync(cancellationToken);
        var rows = await table.QueryAllAsync(new TableQuery(), cancellationToken);
        var liveWorkers = rows.Count(r => r.PartitionKey == WorkerKey && r.GetDateTimeOffset("LastSeen") > now - Options.PartitionLeaseDuration);
        var partitions = rows.Where(r => r.PartitionKey == PartitionKey).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var fairShare = (int)Math.Ceiling(Options.PartitionCount / (double)Math.Max(1, liveWorkers));

        foreach (var row in partitions)
        {
            var index = int.Parse(row.RowKey, CultureInfo.InvariantCulture);
            var mine = row.GetString("Owner") == Options.WorkerId && row.GetDateTimeOffset("ExpiresAt") > now;
            if (IsOwned(index) && !mine)
            {
                Lose(index);
            }
            else if (IsOwned(index) && !await TryWriteAsync(row, Options.WorkerId, now + Options.PartitionLeaseDuration, index, cancellationToken))
            {
                Lose(index);
            }
        }

        foreach (var index in Owned.Skip(fairShare).Reverse())
        {
            var row = await table.GetAsync(PartitionKey, RowKeyOf(index), cancellationToken);
            if (row is not null)
            {
                await TryWriteAsync(row, "", now, index, cancellationToken);
            }

            Forget(index);
            DurableLog.PartitionReleased(logger, Options.WorkerId, index);
            Released?.Invoke(index);
        }

        // Start at a per-worker offset so workers joining together do not all contend for partition 0.
        var offset = Math.Abs(Options.WorkerId.GetHashCode(StringComparison.Ordinal)) % Math.Max(1, partitions.Count);
        foreach (var row in partitions.Skip(offset).Concat(partitions.Take(offset)))
        {
            if (Owned.Count >= fairShare)
            {
                break;
            }

            var index = int.Parse(row.RowKey, CultureInfo.InvariantCulture);
            var free = string.IsNullOrEmpty(row.GetString("Owner")) || !(row.GetDateTimeOffset("ExpiresAt") > now);
            if (!IsOwned(index) && free && await TryWriteAsync(row, Options.WorkerId, now + Options.PartitionLeaseDuration, index, cancellationToken))
            {
                DurableLog.PartitionAcquired(logger, Options.WorkerId, index);
                Acquired?.Invoke(index);
            }
        }
    }

    /// <summary>Gives every partition back and removes the heartbeat, so others take over at once.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var index in Owned)
        {
            try
            {
                var row = await hub.Partitions.GetAsync(PartitionKey, RowKeyOf(index), cancellationToken);
                if (row is not null && row.GetString("Owner") == Options.WorkerId)
                {
                    await TryWriteAsync(row, "", now, index, cancellationToken);
                }
            }
            catch (StorageException)
            {
                // The lease expires on its own.
            }

            Forget(index);
            Released?.Invoke(index);
        }

        try
        {
            await hub.Partitions.DeleteAsync(WorkerKey, Options.WorkerId, ETag.All, cancellationToken);
        }
        catch (StorageException)
        {
        }
    }

    private static string RowKeyOf(int index) => index.ToString("D2", CultureInfo.InvariantCulture);

    private async Task EnsurePartitionRowsAsync(CancellationToken cancellationToken)
    {
        for (var index = 0; index < Options.PartitionCount; index++)
        {
            if (await hub.Partitions.GetAsync(PartitionKey, RowKeyOf(index), cancellationToken) is null)
            {
                try
                {
                    await hub.Partitions.InsertAsync(new TableEntity(PartitionKey, RowKeyOf(index)) { ["Owner"] = "", ["ExpiresAt"] = DateTimeOffset.UnixEpoch }, cancellationToken);
                }
                catch (ResourceConflictException)
                {
                }
            }
        }
    }

    private async Task<bool> TryWriteAsync(TableEntity row, string owner, DateTimeOffset expiresAt, int index, CancellationToken cancellationToken)
    {
        var update = new TableEntity(PartitionKey, row.RowKey) { ["Owner"] = owner, ["ExpiresAt"] = expiresAt };
        try
        {
            var etag = await hub.Partitions.ReplaceAsync(update, row.ETag, cancellationToken);
            lock (_lock)
            {
                if (owner.Length > 0)
                {
                    _owned[index] = etag;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is PreconditionFailedException or ResourceNotFoundException)
        {
            return false;
        }
    }

    private bool IsOwned(int index)
    {
        lock (_lock)
        {
            return _owned.ContainsKey(index);
        }
    }

    private void Forget(int index)
    {
        lock (_lock)
        {
            _owned.Remove(index);
        }
    }

    private void Lose(int index)
    {
        Forget(index);
        DurableLog.PartitionLost(logger, Options.WorkerId, index);
        Released?.Invoke(index);
    }
}
