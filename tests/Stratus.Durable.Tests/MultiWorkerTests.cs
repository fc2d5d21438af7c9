using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.Storage;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.TestWorker;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

/// <summary>Two workers on one task hub: they split the partitions, run each instance once, and cover for each other.</summary>
public sealed class MultiWorkerTests
{
    private const int PartitionCount = 4;

    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task TwoWorkers_OneStopsMidBatch_PartitionsSplitThenMoveAndEachInstanceCompletesOnce(StorageKind storage)
    {
        var cancellation = TestTimeout.Token(120);
        using var hub = await SharedTaskHub.CreateAsync(storage);
        await using var first = await hub.StartHostAsync(LongVisibility);
        await using var second = await hub.StartHostAsync(LongVisibility);
        await Poll.UntilAsync(
            () => first.Worker.OwnedPartitions.Count > 0 && second.Worker.OwnedPartitions.Count > 0
                && first.Worker.OwnedPartitions.Concat(second.Worker.OwnedPartitions).Count() == PartitionCount,
            "each worker owns some of the partitions",
            cancellation);
        Assert.Empty(first.Worker.OwnedPartitions.Intersect(second.Worker.OwnedPartitions));

        var batch = await StepChainBatch.ScheduleAsync(first, "split", 50, cancellation);
        await Poll.UntilAsync(() => ExecutionLog.Read(hub.ExecutionLogPath).Count >= 50, "the batch is under way", cancellation);
        await first.StopAsync();

        Assert.Empty(first.Worker.OwnedPartitions);
        await Poll.UntilAsync(() => second.Worker.OwnedPartitions.Count == PartitionCount, "the remaining worker owns every partition", cancellation);
        await batch.AssertEachCompletedOnceAsync(second, cancellation);
        var after = await StepChainBatch.ScheduleAsync(second, "after", 8, cancellation);
        await after.AssertEachCompletedOnceAsync(second, cancellation);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task TwoWorkers_OneKilled_SurvivorTakesItsPartitionsOnceTheLeasesExpire(StorageKind storage)
    {
        var cancellation = TestTimeout.Token(120);
        using var hub = await SharedTaskHub.CreateAsync(storage);
        await using var survivor = await hub.StartHostAsync();
        using var victim = await WorkerProcess.StartAsync(hub, cancellation);
        await Poll.UntilAsync(
            async () => survivor.Worker.OwnedPartitions.Count > 0 && (await LeasedByAsync(survivor, victim.WorkerId, cancellation)).Count > 0,
            "each worker owns some of the partitions",
            cancellation);
        var batch = await StepChainBatch.ScheduleAsync(survivor, "shared", 10, cancellation);
        await batch.AssertEachCompletedOnceAsync(survivor, cancellation);

        // Killed between batches: this is about the leases; a kill with work in flight is CrashRecoveryTests' subject.
        await victim.KillAsync(cancellation);
        await Poll.UntilAsync(() => survivor.Worker.OwnedPartitions.Count == PartitionCount, "the survivor owns every partition", cancellation);
        Assert.Empty(await LeasedByAsync(survivor, victim.WorkerId, cancellation));
        var after = await StepChainBatch.ScheduleAsync(survivor, "after", 8, cancellation);
        await after.AssertEachCompletedOnceAsync(survivor, cancellation);
    }

    /// <summary>
    /// A graceful stop hands over everything it received. Long visibility timeouts turn a message it stranded instead
    /// into a hang (a failure), where short ones would only delay the batch.
    /// </summary>
    private static void LongVisibility(DurableOptions options)
    {
        options.ControlMessageVisibilityTimeout = TimeSpan.FromMinutes(5);
        options.WorkItemVisibilityTimeout = TimeSpan.FromMinutes(5);
    }

    /// <summary>The partitions whose lease row names this worker and has not expired.</summary>
    private static async Task<IReadOnlyList<int>> LeasedByAsync(DurableHost host, string workerId, CancellationToken cancellationToken)
    {
        var rows = await host.Services.GetRequiredService<TaskHub>().Partitions.QueryAllAsync(TableQuery.Partition("partition"), cancellationToken);
        return [.. rows
            .Where(r => r.GetString("Owner") == workerId && r.GetDateTimeOffset("ExpiresAt") > DateTimeOffset.UtcNow)
            .Select(r => int.Parse(r.RowKey, CultureInfo.InvariantCulture))];
    }
}
