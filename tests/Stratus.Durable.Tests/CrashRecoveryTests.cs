using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.TestWorker;
using Stratus.Testing;
using Xunit.Abstractions;

namespace Stratus.Durable.Tests;

/// <summary>Workers in their own processes, killed for real while a batch runs: recovery must neither lose nor repeat a step.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int BatchSize = 30;
    private const int ActivityCalls = BatchSize * StepChain.ActivityCalls;

    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task WorkerKilled_MidBatch_EveryInstanceCompletesWithEachStepRecordedOnce(StorageKind storage)
    {
        var cancellation = TestTimeout.Token(180);
        using var hub = await SharedTaskHub.CreateAsync(storage);
        await using var client = await hub.StartHostAsync(options => options.RunWorker = false);
        var workers = new List<WorkerProcess>();
        try
        {
            workers.Add(await WorkerProcess.StartAsync(hub, cancellation));
            var batch = await StepChainBatch.ScheduleAsync(client, "crash", BatchSize, cancellation);

            // Kill early in the batch, and again further on, after a fresh worker has taken over the first one's leases.
            foreach (var runs in new[] { ActivityCalls / 8, ActivityCalls / 2 })
            {
                var worker = workers[^1];
                await WaitForActivityRunsAsync(hub, runs, worker, cancellation);
                await worker.KillAsync(cancellation);
                output.WriteLine($"killed {worker.WorkerId} after {ExecutionLog.Read(hub.ExecutionLogPath).Count} activity runs, " +
                    $"{await batch.CountCompletedAsync(client, cancellation)} of {BatchSize} instances completed");
                workers.Add(await WorkerProcess.StartAsync(hub, cancellation));
            }

            var calls = await batch.AssertEachCompletedOnceAsync(client, cancellation);

            // Activities are at-least-once: a kill may run some twice, but each call ran, and nothing else did.
            var ran = ExecutionLog.Read(hub.ExecutionLogPath);
            Assert.Empty(calls.Except(ran));
            Assert.Empty(ran.Except(calls));
            output.WriteLine($"{ran.Count} activity runs for {calls.Count} calls");
        }
        catch
        {
            foreach (var worker in workers)
            {
                output.WriteLine($"output of worker {worker.WorkerId} (pid {worker.ProcessId}):{Environment.NewLine}{worker.Output}");
            }

            throw;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    private static Task WaitForActivityRunsAsync(SharedTaskHub hub, int runs, WorkerProcess worker, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            () =>
            {
                Assert.False(worker.HasExited, $"The worker exited on its own:{Environment.NewLine}{worker.Output}");
                return ExecutionLog.Read(hub.ExecutionLogPath).Count >= runs;
            },
            $"{runs} activities have run",
            cancellationToken);
}
