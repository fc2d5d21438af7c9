using System.Diagnostics;
using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Benchmarks;

/// <summary>
/// Temporary (issue 14): the SDK adapter against the hand-written REST adapter on one Azurite, in one process. Rounds
/// interleave the adapters (and alternate which goes first), so load from other builds hits both alike; each figure is
/// the median of its rounds, printed for both with the sdk/rest ratio.
/// </summary>
internal static class StorageAdapterComparison
{
    private const int Rounds = 5;
    private const int Concurrency = 4;

    public static async Task RunAsync(bool quick)
    {
        var size = quick ? new Workload(200, 3, 100, 2) : new Workload(1000, 10, 500, 10);
        using var azurite = await AzuriteServer.Shared;
        var adapters = new[]
        {
            new Adapter("rest", Stratus.Storage.AzureRest.AzureStorageAccount.FromConnectionString(azurite.ConnectionString)),
            new Adapter("sdk", Stratus.Storage.Azure.AzureStorageAccount.FromConnectionString(azurite.ConnectionString)),
        };
        foreach (var adapter in adapters)
        {
            await adapter.SetUpAsync(size);
        }

        // A warm-up round each (JIT, connection pools, Azurite's first writes), not counted.
        foreach (var adapter in adapters)
        {
            await adapter.RunRoundAsync(Rounds, size);
            adapter.Figures.Clear();
        }

        for (var round = 0; round < Rounds; round++)
        {
            var order = round % 2 == 0 ? adapters : adapters.Reverse().ToArray();
            foreach (var adapter in order)
            {
                await adapter.RunRoundAsync(round, size);
            }

            Console.Error.WriteLine($"round {round + 1}/{Rounds} done");
        }

        foreach (var (name, unit) in adapters[0].Figures.Keys.Select(k => (k, adapters[0].Units[k])))
        {
            var rest = Results.Median(adapters[0].Figures[name]);
            var sdk = Results.Median(adapters[1].Figures[name]);
            Results.Print($"rest.{name}", rest, unit);
            Results.Print($"sdk.{name}", sdk, unit);
            Results.Print($"ratio_sdk_over_rest.{name}", rest == 0 ? 0 : sdk / rest, "x");
        }

        foreach (var adapter in adapters)
        {
            await adapter.TearDownAsync();
        }
    }

    private sealed class Adapter(string name, IStorageAccount account)
    {
        private readonly ITableClient _table = account.Tables.GetTable("cmp" + name + Guid.NewGuid().ToString("N")[..12]);
        private readonly IQueueClient _queue = account.Queues.GetQueue("cmp-" + name + "-" + Guid.NewGuid().ToString("N")[..12]);
        private readonly IBlobContainerClient _container = account.Blobs.GetContainer("cmp-" + name + "-" + Guid.NewGuid().ToString("N")[..12]);

        public string Name { get; } = name;

        public Dictionary<string, List<double>> Figures { get; } = [];

        public Dictionary<string, string> Units { get; } = [];

        public async Task SetUpAsync(Workload size)
        {
            await _table.CreateIfNotExistsAsync();
            await _queue.CreateIfNotExistsAsync();
            await _container.CreateIfNotExistsAsync();

            // One full partition for the query-page figure.
            for (var b = 0; b < StorageLimits.MaxTablePageSize / 100; b++)
            {
                var first = b * 100;
                await _table.SubmitTransactionAsync(Enumerable.Range(first, 100).Select(i => TableTransactionAction.Insert(Entity("query", i))).ToList());
            }
        }

        public async Task RunRoundAsync(int round, Workload size)
        {
            var partition = $"round{round}";
            Add("table.point_write", await OpsPerSecondAsync(size.PointOps, i => _table.UpsertAsync(Entity(partition, i))), "ops/s");
            Add("table.point_read", await OpsPerSecondAsync(size.PointOps, i => _table.GetAsync(partition, Key(i))), "ops/s");

            var watch = Stopwatch.StartNew();
            for (var b = 0; b < size.Batches; b++)
            {
                var batchPartition = $"batch{round}-{b}";
                await _table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => TableTransactionAction.Insert(Entity(batchPartition, i))).ToList());
            }

            Add("table.batch100_insert", size.Batches * 100 / watch.Elapsed.TotalSeconds, "entities/s");

            watch.Restart();
            var entities = 0;
            for (var q = 0; q < size.QueryPages; q++)
            {
                var page = await _table.QueryAsync(TableQuery.Partition("query"));
                entities += page.Items.Count;
            }

            Add("table.query_page1000", entities / watch.Elapsed.TotalSeconds, "entities/s");

            var received = new System.Collections.Concurrent.ConcurrentQueue<QueueMessage>();
            Add("queue.send", await OpsPerSecondAsync(size.QueueOps, i => _queue.SendAsync($"message {i}")), "ops/s");
            Add("queue.receive", await OpsPerSecondAsync(size.QueueOps, async _ =>
            {
                foreach (var message in await _queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)))
                {
                    received.Enqueue(message);
                }
            }), "ops/s");
            var toDelete = received.ToArray();
            Add("queue.delete", await OpsPerSecondAsync(toDelete.Length, i => _queue.DeleteMessageAsync(toDelete[i].MessageId, toDelete[i].PopReceipt)), "ops/s");

            await BlobAsync(10, "blob10", trackMemory: false);
            await BlobAsync(size.BigBlobMiB, "blob100", trackMemory: true);
        }

        public async Task TearDownAsync()
        {
            await _container.DeleteIfExistsAsync();
            await _queue.DeleteIfExistsAsync();
            await _table.DeleteIfExistsAsync();
        }

        private async Task BlobAsync(int mib, string label, bool trackMemory)
        {
            long bytes = mib * 1024L * 1024L;
            await using (var sampler = new PeakMemorySampler())
            {
                var watch = Stopwatch.StartNew();
                await using var source = new SyntheticStream(bytes);
                var properties = await _container.UploadAsync(label + ".bin", source);
                Add($"{label}.upload_{mib}mb", mib / watch.Elapsed.TotalSeconds, "MB/s");
                if (properties.ContentLength != bytes)
                {
                    throw new InvalidOperationException($"Uploaded {properties.ContentLength} bytes, expected {bytes}.");
                }

                if (trackMemory)
                {
                    Add($"{label}.upload_peak_memory", sampler.PeakIncreaseMiB, "MiB");
                }
            }

            await using (var sampler = new PeakMemorySampler())
            {
                var watch = Stopwatch.StartNew();
                long read = 0;
                await using (var download = await _container.DownloadAsync(label + ".bin"))
                {
                    var buffer = new byte[81920];
                    int n;
                    while ((n = await download.Content.ReadAsync(buffer)) > 0)
                    {
                        read += n;
                    }
                }

                Add($"{label}.download_{mib}mb", mib / watch.Elapsed.TotalSeconds, "MB/s");
                if (read != bytes)
                {
                    throw new InvalidOperationException($"Downloaded {read} bytes, expected {bytes}.");
                }

                if (trackMemory)
                {
                    Add($"{label}.download_peak_memory", sampler.PeakIncreaseMiB, "MiB");
                }
            }
        }

        private void Add(string figure, double value, string unit)
        {
            if (!Figures.TryGetValue(figure, out var values))
            {
                Figures[figure] = values = [];
                Units[figure] = unit;
            }

            values.Add(value);
        }
    }

    private static async Task<double> OpsPerSecondAsync(int count, Func<int, Task> operation)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await operation(i);
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }

    private static string Key(int i) => $"row{i:D6}";

    private static TableEntity Entity(string partition, int i) => new(partition, Key(i))
    {
        { "Name", "entity " + i },
        { "Count", i },
        { "Updated", DateTimeOffset.UnixEpoch.AddSeconds(i) },
        { "Payload", new string('x', 200) },
    };

    private sealed record Workload(int PointOps, int Batches, int QueueOps, int QueryPages)
    {
        public int BigBlobMiB => 100;
    }
}
