using System.Diagnostics;
using System.Globalization;
using DurableTask.Core;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>
/// Throughput of the embedded backend under a real TaskHubWorker (through the Durable Task SDK shim), each scenario on
/// a fresh database after a warm-up: HelloSequence5 x1000 started at once, 100 instances x 20 sequential activities,
/// and a single orchestrator fanning out 100 activities (repeated).
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task<int> RunAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await MeasureAsync(directory, "warm-up", nameof(BenchSequenceOrchestrator), instances: 200, input: 5);
        var hello = await MeasureAsync(directory, "hello", nameof(BenchSequenceOrchestrator), instances: 1000, input: 5);
        Report("HelloSequence5 x1000 at once", hello, 1000, "orchestrations/s", 5000);
        var sequential = await MeasureAsync(directory, "sequential", nameof(BenchSequenceOrchestrator), instances: 100, input: 20);
        Report("100 instances x 20 sequential activities", sequential, 2000, "activities/s", 2000);

        var fanOutTimes = new List<TimeSpan>();
        for (var round = 0; round < 10; round++)
        {
            fanOutTimes.Add(await MeasureAsync(directory, $"fanout-{round}", nameof(BenchFanOutOrchestrator), instances: 1, input: 100));
        }

        var median = fanOutTimes.Order().ElementAt(fanOutTimes.Count / 2);
        Report("Fan-out of 100 (median of 10 runs)", median, 100, "activities/s", 100);
        return 0;
    }

    private static void Report(string scenario, TimeSpan elapsed, int units, string unit, int activities) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{scenario}: {elapsed.TotalMilliseconds:F0} ms, {units / elapsed.TotalSeconds:F0} {unit} ({activities / elapsed.TotalSeconds:F0} activities/s)"));

    private static async Task<TimeSpan> MeasureAsync(string directory, string name, string orchestration, int instances, int input)
    {
        var databasePath = Path.Combine(directory, name + ".db");
        using var service = new EmbeddedOrchestrationService(new EmbeddedOrchestrationServiceSettings { DatabasePath = databasePath });
        await service.CreateIfNotExistsAsync();
        var worker = WorkerRegistration.CreateWorker(service);
        await worker.StartAsync();
        var client = new TaskHubClient(service);

        var stopwatch = Stopwatch.StartNew();
        var started = await Task.WhenAll(Enumerable.Range(0, instances)
            .Select(i => client.CreateOrchestrationInstanceAsync(orchestration, "", $"{name}-{i}", input)));
        var states = await Task.WhenAll(started.Select(instance => client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(5))));
        stopwatch.Stop();

        var failed = states.Count(s => s?.OrchestrationStatus != OrchestrationStatus.Completed);
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {instances} {name} instances did not complete");
        }

        await worker.StopAsync(isForced: true);
        worker.Dispose();
        return stopwatch.Elapsed;
    }
}
