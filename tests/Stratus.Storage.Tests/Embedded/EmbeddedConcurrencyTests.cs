using System.Collections.Concurrent;
using Azure;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Embedded;

/// <summary>
/// Two accounts on one data folder stand in for two processes (two workers on one task hub): each has its own
/// connections and write queue, so only SQLite's file locks keep them apart.
/// </summary>
public sealed class EmbeddedConcurrencyTests : IDisposable
{
    private readonly EmbeddedTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReplaceAsync_TwoAccountsRaceWithOneETag_ExactlyOneWinsEachRound()
    {
        var ct = TestTimeout.Token();
        IStorageAccount[] accounts = [_folder.Open(), _folder.Open()];
        var tableName = "race" + Guid.NewGuid().ToString("N")[..8];
        await accounts[0].Tables.GetTable(tableName).CreateIfNotExistsAsync(ct);
        var tables = accounts.Select(a => a.Tables.GetTable(tableName)).ToArray();
        var etag = await tables[0].InsertAsync(new TableEntity("p", "r") { { "Owner", "none" } }, ct);

        for (var round = 0; round < 20; round++)
        {
            var current = etag;
            var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                try
                {
                    return (Writer: i, ETag: (ETag?)await tables[i % 2].ReplaceAsync(new TableEntity("p", "r") { { "Owner", $"w{i}" } }, current, ct));
                }
                catch (PreconditionFailedException ex) when (ex.ErrorCode == "UpdateConditionNotSatisfied")
                {
                    return (Writer: i, ETag: null);
                }
            }, ct));
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, r => r.ETag is not null);
            var stored = await tables[(round + 1) % 2].GetAsync("p", "r", ct);
            Assert.Equal($"w{winner.Writer}", stored!["Owner"]);
            Assert.Equal(winner.ETag, stored.ETag);
            etag = stored.ETag;
        }
    }

    [Fact]
    public async Task ReceiveAsync_TenReceiversOnTwoAccounts_DeliverEachMessageOnce()
    {
        var ct = TestTimeout.Token();
        IStorageAccount[] accounts = [_folder.Open(), _folder.Open()];
        var queueName = "race-" + Guid.NewGuid().ToString("N")[..8];
        await accounts[0].Queues.GetQueue(queueName).CreateIfNotExistsAsync(ct);
        var queues = accounts.Select(a => a.Queues.GetQueue(queueName)).ToArray();
        var sent = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            sent.Add((await queues[i % 2].SendAsync($"m{i}", cancellationToken: ct)).MessageId);
        }

        // The fake clock stands still, so a received message stays hidden: an empty receive means all are taken.
        var received = new ConcurrentBag<QueueMessage>();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(r => Task.Run(async () =>
        {
            var queue = queues[r % 2];
            while (true)
            {
                var batch = await queue.ReceiveAsync(1 + (r % 5), TimeSpan.FromMinutes(5), ct);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    received.Add(message);
                }
            }
        }, ct)));

        Assert.Equal(200, received.Count);
        Assert.Equal(sent.Order(StringComparer.Ordinal), received.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        await Task.WhenAll(received.Select((m, i) => queues[i % 2].DeleteMessageAsync(m.MessageId, m.PopReceipt, ct)));
        Assert.Equal(0, await queues[1].GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_TwoAccountsRace_OneWinsEachRound()
    {
        var ct = TestTimeout.Token();
        IStorageAccount[] accounts = [_folder.Open(), _folder.Open()];
        var containerName = "race-" + Guid.NewGuid().ToString("N")[..8];
        await accounts[0].Blobs.GetContainer(containerName).CreateIfNotExistsAsync(ct);
        var containers = accounts.Select(a => a.Blobs.GetContainer(containerName)).ToArray();
        await containers[0].UploadAsync("lock", new MemoryStream([1]), cancellationToken: ct);

        for (var round = 0; round < 10; round++)
        {
            var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                try
                {
                    return await containers[i % 2].AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15), cancellationToken: ct);
                }
                catch (ResourceConflictException ex) when (ex.ErrorCode == "LeaseAlreadyPresent")
                {
                    return null;
                }
            }, ct));
            var results = await Task.WhenAll(attempts);

            var leaseId = Assert.Single(results, id => id is not null);
            await Assert.ThrowsAsync<PreconditionFailedException>(() => containers[1].DeleteAsync("lock", cancellationToken: ct));
            await containers[round % 2].ReleaseLeaseAsync("lock", leaseId!, ct);
        }
    }

    [Fact]
    public async Task InsertAsync_ConcurrentWritesWithSomeConflicts_FailOnlyTheConflictingOnes()
    {
        var ct = TestTimeout.Token();
        var account = _folder.Open();
        var table = account.Tables.GetTable("conflicts" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync(ct);

        // Concurrent writes share commits; a failing write must not take its neighbours down with it.
        var attempts = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                await table.InsertAsync(new TableEntity("p", $"r{i / 2:D2}") { { "Writer", i } }, ct);
                return true;
            }
            catch (ResourceConflictException)
            {
                return false;
            }
        }, ct));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(50, results.Count(inserted => inserted));
        var rows = await table.QueryAllAsync(TableQuery.Partition("p"), ct);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"r{i:D2}"), rows.Select(e => e.RowKey));
        Assert.All(rows, e => Assert.True(results[e.GetInt32("Writer")!.Value]));
    }

    [Fact]
    public async Task SetMetadataAsync_WrittenThroughOneAccount_IsSeenByTheOther()
    {
        var ct = TestTimeout.Token();
        IStorageAccount[] accounts = [_folder.Open(), _folder.Open()];
        var container = accounts[0].Blobs.GetContainer("shared");
        await container.CreateIfNotExistsAsync(ct);
        await container.UploadAsync("b", new MemoryStream([1, 2, 3]), cancellationToken: ct);

        var written = await container.SetMetadataAsync("b", new Dictionary<string, string> { ["Stage"] = "two" }, cancellationToken: ct);

        var seen = await accounts[1].Blobs.GetContainer("shared").GetPropertiesAsync("b", ct);
        Assert.Equal(written.ETag, seen!.ETag);
        Assert.Equal("two", seen.Metadata["stage"]);
    }
}
