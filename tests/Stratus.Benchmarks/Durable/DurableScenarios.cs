using System.Diagnostics;

namespace Stratus.Benchmarks.Durable;

/// <summary>
/// The scenarios, each measured on a warmed-up host of one backend. Throughput figures are the median of their
/// rounds; a figure's time runs from the first schedule (for events, the first event raised) to the moment the client
/// sees the last instance finished.
/// </summary>
internal static class DurableScenarios
{
    public static IReadOnlyList<(string Name, DurableScenario Run)> All { get; } =
    [
        ("sequential_one_instance", SequentialOneInstanceAsync),
        ("sequential_aggregate", SequentialAggregateAsync),
        ("hello_sequence5", HelloSequence5Async),
        ("fan_out", FanOutAsync),
        ("external_events", ExternalEventsAsync),
        ("one_activity_latency", OneActivityLatencyAsync),
    ];

    private static async Task<IReadOnlyList<DurableFigure>> SequentialOneInstanceAsync(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken)
    {
        var rate = await MedianRateAsync(size.SingleInstanceRounds, size.OneInstanceActivities, () =>
            host.RunAsync(nameof(Sequence), 1, size.OneInstanceActivities, cancellationToken));
        const string key = "sequential_activities_per_s_one_instance";
        return [new(key, key, rate, "activities/s")];
    }

    private static async Task<IReadOnlyList<DurableFigure>> SequentialAggregateAsync(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken)
    {
        var rate = await MedianRateAsync(size.ManyInstanceRounds, size.AggregateInstances * size.AggregateActivities, () =>
            host.RunAsync(nameof(Sequence), size.AggregateInstances, size.AggregateActivities, cancellationToken));
        const string key = "sequential_activities_per_s_aggregate";
        return [new(key, $"{key}_{size.AggregateInstances}x{size.AggregateActivities}", rate, "activities/s")];
    }

    private static async Task<IReadOnlyList<DurableFigure>> HelloSequence5Async(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken)
    {
        var rate = await MedianRateAsync(size.ManyInstanceRounds, size.HelloInstances, () =>
            host.RunAsync(nameof(HelloSequence5), size.HelloInstances, null, cancellationToken));

        // Five activities an orchestration: the same run as an activity rate, comparable with the other figures.
        return
        [
            new("hello_sequence5_orchestrations_per_s", $"hello_sequence5_orchestrations_per_s_{size.HelloInstances}", rate, "orchestrations/s"),
            new("hello_sequence5_activities_per_s", $"hello_sequence5_activities_per_s_{size.HelloInstances}", rate * 5, "activities/s", FigureKind.Derived),
        ];
    }

    private static async Task<IReadOnlyList<DurableFigure>> FanOutAsync(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken)
    {
        var rate = await MedianRateAsync(size.FanOutRounds, size.FanOutWidth, () =>
            host.RunAsync(nameof(FanOut), 1, size.FanOutWidth, cancellationToken));
        return [new("fan_out_activities_per_s", $"fan_out_{size.FanOutWidth}_activities_per_s", rate, "activities/s")];
    }

    private static async Task<IReadOnlyList<DurableFigure>> ExternalEventsAsync(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken)
    {
        var rate = await MedianRateAsync(size.SingleInstanceRounds, size.Events, async () =>
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventLoop), size.Events, cancellationToken);
            await host.WaitUntilStartedAsync(id, cancellationToken);

            // Raised one after another, as a single producer would; the figure runs until the last one is consumed.
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < size.Events; i++)
            {
                await host.Client.RaiseEventAsync(id, EventLoop.EventName, i, cancellationToken);
            }

            await host.WaitForCompletionAsync(id, cancellationToken);
            return watch.Elapsed;
        });
        const string key = "external_events_per_s_one_instance";
        return [new(key, key, rate, "events/s")];
    }

    private static async Task<IReadOnlyList<DurableFigure>> OneActivityLatencyAsync(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        for (var i = 0; i < size.LatencySamples; i++)
        {
            var elapsed = await host.RunAsync(nameof(Sequence), 1, 1, cancellationToken);
            latencies.Add(elapsed.TotalMilliseconds);
        }

        return
        [
            new("one_activity_orchestration_latency_median", "one_activity_orchestration_latency_median", Results.Median(latencies), "ms", FigureKind.Latency),
            new("one_activity_orchestration_latency_p99", "one_activity_orchestration_latency_p99", Results.Percentile(latencies, 99), "ms", FigureKind.Latency),
        ];
    }

    /// <summary>The median over <paramref name="rounds"/> runs of <paramref name="units"/> divided by the run's time.</summary>
    private static async Task<double> MedianRateAsync(int rounds, int units, Func<Task<TimeSpan>> run)
    {
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            rates.Add(units / (await run()).TotalSeconds);
        }

        return Results.Median(rates);
    }
}
