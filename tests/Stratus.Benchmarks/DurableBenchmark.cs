using System.Diagnostics;
using Stratus.Benchmarks.Durable;
using Stratus.Testing;

namespace Stratus.Benchmarks;

/// <summary>
/// Durable engine figures for both adapters: sequential activities (one instance, and many at once), HelloSequence5
/// orchestrations started together, fan-out/fan-in, external events, and the latency of a one-activity orchestration.
/// Every scenario gets a fresh task hub on fresh storage (embedded: a new temp folder; Azurite: a new Azurite process,
/// not <c>STRATUS_AZURITE_CONNECTION</c>) and a warm-up first; throughput figures are the median of their rounds. A
/// scenario that fails or stalls prints FAILED on stderr and the others still run.
/// </summary>
internal static class DurableBenchmark
{
    private const int FanOutWidth = 100;

    private static readonly Workload Embedded = new(
        SingleInstanceRounds: 3,
        OneInstanceActivities: 500,
        AggregateInstances: 100,
        AggregateActivities: 20,
        ManyInstanceRounds: 3,
        HelloInstances: 1000,
        FanOutRounds: 5,
        Events: 500,
        LatencySamples: 200,
        Timeout: TimeSpan.FromMinutes(2));

    // Azurite is one Node thread and manages somewhere near a hundred activities a second here, so the embedded
    // workload would take minutes: it gets one round of the many-instance scenarios, 200 HelloSequence5 instances
    // instead of 1,000 (the count is in the figure's name), and shorter single-instance runs.
    private static readonly Workload Azurite = Embedded with
    {
        OneInstanceActivities = 200,
        ManyInstanceRounds = 1,
        HelloInstances = 200,
        Events = 200,
    };

    private static readonly Workload Quick = new(
        SingleInstanceRounds: 1,
        OneInstanceActivities: 50,
        AggregateInstances: 20,
        AggregateActivities: 5,
        ManyInstanceRounds: 1,
        HelloInstances: 100,
        FanOutRounds: 1,
        Events: 50,
        LatencySamples: 30,
        Timeout: TimeSpan.FromSeconds(30));

    /// <returns>False when any scenario failed.</returns>
    public static async Task<bool> RunAsync(bool quick)
    {
        var succeeded = await RunAdapterAsync("durable.embedded", azurite: false, quick ? Quick : Embedded);
        return await RunAdapterAsync("durable.azurite", azurite: true, quick ? Quick : Azurite) && succeeded;
    }

    private static async Task<bool> RunAdapterAsync(string prefix, bool azurite, Workload size)
    {
        var succeeded = true;
        foreach (var (name, scenario) in Scenarios(prefix, size))
        {
            succeeded &= await RunScenarioAsync(prefix + "." + name, azurite, size.Timeout, scenario);
        }

        return succeeded;
    }

    private static (string Name, Func<DurableBenchmarkHost, CancellationToken, Task> Run)[] Scenarios(string prefix, Workload size) =>
    [
        ("sequential_one_instance", (host, cancellationToken) => SequentialOneInstanceAsync(host, prefix, size, cancellationToken)),
        ("sequential_aggregate", (host, cancellationToken) => SequentialAggregateAsync(host, prefix, size, cancellationToken)),
        ("hello_sequence5", (host, cancellationToken) => HelloSequence5Async(host, prefix, size, cancellationToken)),
        ("fan_out", (host, cancellationToken) => FanOutAsync(host, prefix, size, cancellationToken)),
        ("external_events", (host, cancellationToken) => ExternalEventsAsync(host, prefix, size, cancellationToken)),
        ("one_activity_latency", (host, cancellationToken) => OneActivityLatencyAsync(host, prefix, size, cancellationToken)),
    ];

    private static async Task<bool> RunScenarioAsync(
        string name, bool azurite, TimeSpan timeout, Func<DurableBenchmarkHost, CancellationToken, Task> scenario)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            // Not the shared Azurite: Azurite 3.37 sweeps its deleted queue messages once a minute in one blocking
            // pass that grows worse than linearly (in trial runs ~1,200 messages took 2 s, ~8,800 over 3 minutes, and
            // every request meanwhile hit its 100 s timeout). Each scenario takes well under a minute on an Azurite of
            // its own, so that emulator artefact stays out of the figures.
            using var server = azurite ? await AzuriteServer.StartAsync() : null;
            await using var host = await DurableBenchmarkHost.StartAsync(server?.ConnectionString, cancellation.Token);

            // JIT and first-use costs (table and queue handles, the session cache) stay out of the figures.
            await host.RunAsync(nameof(HelloSequence5), 4, null, cancellation.Token);
            await host.RunAsync(nameof(FanOut), 1, 10, cancellation.Token);
            await scenario(host, cancellation.Token);
            return true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"FAILED {name}: did not finish within {timeout.TotalSeconds:0} s");
            return false;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"FAILED {name}: {exception}");
            return false;
        }
    }

    private static async Task SequentialOneInstanceAsync(DurableBenchmarkHost host, string prefix, Workload size, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var round = 0; round < size.SingleInstanceRounds; round++)
        {
            var elapsed = await host.RunAsync(nameof(Sequence), 1, size.OneInstanceActivities, cancellationToken);
            rates.Add(size.OneInstanceActivities / elapsed.TotalSeconds);
        }

        Results.Print($"{prefix}.sequential_activities_per_s_one_instance", Results.Median(rates), "activities/s");
    }

    private static async Task SequentialAggregateAsync(DurableBenchmarkHost host, string prefix, Workload size, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        var activities = size.AggregateInstances * size.AggregateActivities;
        for (var round = 0; round < size.ManyInstanceRounds; round++)
        {
            var elapsed = await host.RunAsync(nameof(Sequence), size.AggregateInstances, size.AggregateActivities, cancellationToken);
            rates.Add(activities / elapsed.TotalSeconds);
        }

        Results.Print($"{prefix}.sequential_activities_per_s_aggregate_{size.AggregateInstances}x{size.AggregateActivities}", Results.Median(rates), "activities/s");
    }

    private static async Task HelloSequence5Async(DurableBenchmarkHost host, string prefix, Workload size, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var round = 0; round < size.ManyInstanceRounds; round++)
        {
            var elapsed = await host.RunAsync(nameof(HelloSequence5), size.HelloInstances, null, cancellationToken);
            rates.Add(size.HelloInstances / elapsed.TotalSeconds);
        }

        // Five activities an orchestration: the same run as an activity rate, comparable with the other figures.
        var rate = Results.Median(rates);
        Results.Print($"{prefix}.hello_sequence5_orchestrations_per_s_{size.HelloInstances}", rate, "orchestrations/s");
        Results.Print($"{prefix}.hello_sequence5_activities_per_s_{size.HelloInstances}", rate * 5, "activities/s");
    }

    private static async Task FanOutAsync(DurableBenchmarkHost host, string prefix, Workload size, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var round = 0; round < size.FanOutRounds; round++)
        {
            var elapsed = await host.RunAsync(nameof(FanOut), 1, FanOutWidth, cancellationToken);
            rates.Add(FanOutWidth / elapsed.TotalSeconds);
        }

        Results.Print($"{prefix}.fan_out_{FanOutWidth}_activities_per_s", Results.Median(rates), "activities/s");
    }

    private static async Task ExternalEventsAsync(DurableBenchmarkHost host, string prefix, Workload size, CancellationToken cancellationToken)
    {
        var rates = new List<double>();
        for (var round = 0; round < size.SingleInstanceRounds; round++)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventLoop), size.Events, cancellationToken: cancellationToken);
            await host.WaitUntilStartedAsync(id, cancellationToken);

            // Raised one after another, as a single producer would; the figure runs until the last one is consumed.
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < size.Events; i++)
            {
                await host.Client.RaiseEventAsync(id, EventLoop.EventName, i, cancellationToken);
            }

            await host.WaitForCompletionAsync(id, cancellationToken);
            rates.Add(size.Events / watch.Elapsed.TotalSeconds);
        }

        Results.Print($"{prefix}.external_events_per_s_one_instance", Results.Median(rates), "events/s");
    }

    private static async Task OneActivityLatencyAsync(DurableBenchmarkHost host, string prefix, Workload size, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        for (var i = 0; i < size.LatencySamples; i++)
        {
            var elapsed = await host.RunAsync(nameof(Sequence), 1, 1, cancellationToken);
            latencies.Add(elapsed.TotalMilliseconds);
        }

        Results.Print($"{prefix}.one_activity_orchestration_latency_median", Results.Median(latencies), "ms");
        Results.Print($"{prefix}.one_activity_orchestration_latency_p99", Results.Percentile(latencies, 99), "ms");
    }

    private sealed record Workload(
        int SingleInstanceRounds,
        int OneInstanceActivities,
        int AggregateInstances,
        int AggregateActivities,
        int ManyInstanceRounds,
        int HelloInstances,
        int FanOutRounds,
        int Events,
        int LatencySamples,
        TimeSpan Timeout);
}
