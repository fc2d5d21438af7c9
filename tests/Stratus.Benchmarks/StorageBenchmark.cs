using System.Diagnostics;
using Stratus.Storage;
using Stratus.Storage.Azure;
using Stratus.Storage.Embedded;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Benchmarks;

/// <summary>
/// Storage figures for both adapters: table point writes and reads, 100-entity transactions, queue
/// put→get→delete cycles, and 100 MB blob upload/download with peak memory. Each figure is the median of three rounds.
/// </summary>
internal static class StorageBenchmark
{
    private const int Rounds = 3;
    private const int Concurrency = 4;

    public static async Task RunAsync(bool quick)
    {
        var size = quick ? new Workload(300, 5, 200, 20) : new Workload(2000, 20, 1000, 100);
        var dataPath = Directory.CreateTempSubdirectory("stratus-bench-").FullName;
        try
        {
            using (var embedded = new EmbeddedStorageAccount(dataPath, TimeProvider.System))
            {
                await RunAdapterAsync("embedded", embedded, size);
            }

            using var azurite = await AzuriteServer.Shared;
            await RunAdapterAsync("azurite", AzureStorageAccount.FromConnectionString(azurite.ConnectionString), size);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task RunAdapterAsync(string adapter, IStorageAccount account, Workload size)
    {
        var table = account.Tables.GetTable("bench" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();

        var writes = new List<double>();
        var reads = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var partition = $"round{round}";
            writes.Add(await OpsPerSecondAsync(size.PointOps, i => table.UpsertAsync(Entity(partition, i))));
            reads.Add(await OpsPerSecondAsync(size.PointOps, i => table.GetAsync(partition, Key(i))));
        }

        Results.Print($"{adapter}.table.point_write", Results.Median(writes), "ops/s");
        Results.Print($"{adapter}.table.point_read", Results.Median(reads), "ops/s");

        var batches = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var r = round;
            var watch = Stopwatch.StartNew();
            for (var b = 0; b < size.Batches; b++)
            {
                var partition = $"batch{r}-{b}";
                await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => TableTransactionAction.Insert(Entity(partition, i))).ToList());
            }

            batches.Add(size.Batches / watch.Elapsed.TotalSeconds);
        }

        var batchRate = Results.Median(batches);
        Results.Print($"{adapter}.table.batch100", batchRate, "batches/s");
        Results.Print($"{adapter}.table.batch100_entities", batchRate * 100, "entities/s");

        var queue = account.Queues.GetQueue("bench-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync();
        var cycles = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            cycles.Add(await OpsPerSecondAsync(size.QueueCycles, async i =>
            {
                await queue.SendAsync($"message {i}");
                var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30));
                foreach (var message in received)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }));
        }

        Results.Print($"{adapter}.queue.put_get_delete", Results.Median(cycles), "cycles/s");

        var container = account.Blobs.GetContainer("bench-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateIfNotExistsAsync();
        long bytes = size.BlobMiB * 1024L * 1024L;
        var uploads = new List<double>();
        var downloads = new List<double>();
        double uploadPeak = 0, downloadPeak = 0;
        for (var round = 0; round < Rounds; round++)
        {
            await using (var sampler = new PeakMemorySampler())
            {
                var watch = Stopwatch.StartNew();
                await using var source = new SyntheticStream(bytes);
                var properties = await container.UploadAsync("big.bin", source);
                uploads.Add(size.BlobMiB / watch.Elapsed.TotalSeconds);
                if (properties.ContentLength != bytes)
                {
                    throw new InvalidOperationException($"Uploaded {properties.ContentLength} bytes, expected {bytes}.");
                }

                uploadPeak = Math.Max(uploadPeak, sampler.PeakIncreaseMiB);
            }

            await using (var sampler = new PeakMemorySampler())
            {
                var watch = Stopwatch.StartNew();
                long read = 0;
                await using (var download = await container.DownloadAsync("big.bin"))
                {
                    var buffer = new byte[81920];
                    int n;
                    while ((n = await download.Content.ReadAsync(buffer)) > 0)
                    {
                        read += n;
                    }
                }

                downloads.Add(size.BlobMiB / watch.Elapsed.TotalSeconds);
                if (read != bytes)
                {
                    throw new InvalidOperationException($"Downloaded {read} bytes, expected {bytes}.");
                }

                downloadPeak = Math.Max(downloadPeak, sampler.PeakIncreaseMiB);
            }
        }

        Results.Print($"{adapter}.blob.upload_{size.BlobMiB}mb", Results.Median(uploads), "MB/s");
        Results.Print($"{adapter}.blob.download_{size.BlobMiB}mb", Results.Median(downloads), "MB/s");
        Results.Print($"{adapter}.blob.upload_peak_memory", uploadPeak, "MiB");
        Results.Print($"{adapter}.blob.download_peak_memory", downloadPeak, "MiB");

        await container.DeleteIfExistsAsync();
        await queue.DeleteIfExistsAsync();
        await table.DeleteIfExistsAsync();
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

    private sealed record Workload(int PointOps, int Batches, int QueueCycles, int BlobMiB);
}
