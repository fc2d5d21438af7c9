using Stratus.Benchmarks.Durable;
using Stratus.Durable;

namespace Stratus.Benchmarks;

/// <summary>
/// The durable runtime on both backends in one run: the same orchestrator and activity classes on the same runtime
/// (DTFx's worker and the Durable Task SDK client, as the product wires them), once on the embedded backend and once
/// on AzureStorage over Azurite. Figures: sequential activities (one instance, and many at once), HelloSequence5
/// orchestrations started together, fan-out/fan-in, external events, and the latency of a one-activity orchestration;
/// then the embedded ÷ AzureStorage ratios and the embedded targets. Every scenario gets a fresh host on fresh storage
/// and a warm-up (<c>--quick</c>: one warmed-up host per backend for all scenarios). A scenario that fails or stalls
/// prints FAILED on stderr and the others still run; a missed target is only reported.
/// </summary>
internal static class DurableBenchmark
{
    private const string EmbeddedName = "embedded";
    private const string AzureStorageName = "azurestorage";

    /// <summary>
    /// DTFx's AzureStorage client waits for completion by re-reading the instance every 2 s, which would turn every
    /// single-instance figure into a multiple of 2 s; on that backend the benchmark reads the status itself, this often
    /// at first (see <see cref="DurableBenchmarkHost"/>).
    /// </summary>
    private static readonly TimeSpan AzureStorageCompletionPoll = TimeSpan.FromMilliseconds(10);

    private static readonly DurableWorkload Embedded = new(
        SingleInstanceRounds: 3,
        OneInstanceActivities: 500,
        AggregateInstances: 100,
        AggregateActivities: 20,
        ManyInstanceRounds: 3,
        HelloInstances: 1000,
        FanOutWidth: 100,
        FanOutRounds: 5,
        Events: 500,
        LatencySamples: 200,
        Timeout: TimeSpan.FromMinutes(2));

    // The same workload except where the issue sizes it down for Azurite (one Node.js thread, and DTFx's Azure Storage
    // backend makes many round trips per step): 200 HelloSequence5 instances instead of 1,000 (the count is in the
    // figure's name) and one round of the many-instance scenarios. Azurite runs scenarios of minutes at tens of
    // activities a second, hence the longer stall guard.
    private static readonly DurableWorkload AzureStorage = Embedded with
    {
        ManyInstanceRounds = 1,
        HelloInstances = 200,
        Timeout = TimeSpan.FromMinutes(10),
    };

    private static readonly DurableWorkload QuickEmbedded = new(
        SingleInstanceRounds: 1,
        OneInstanceActivities: 50,
        AggregateInstances: 20,
        AggregateActivities: 5,
        ManyInstanceRounds: 1,
        HelloInstances: 200,
        FanOutWidth: 100,
        FanOutRounds: 1,
        Events: 50,
        LatencySamples: 30,
        Timeout: TimeSpan.FromSeconds(60));

    private static readonly DurableWorkload QuickAzureStorage = QuickEmbedded with { HelloInstances = 20 };

    /// <returns>False when any scenario failed.</returns>
    public static async Task<bool> RunAsync(bool quick)
    {
        BenchmarkBackend[] backends =
        [
            new(EmbeddedName, DurableBackend.Embedded, quick ? QuickEmbedded : Embedded, CompletionPollInterval: null),
            new(AzureStorageName, DurableBackend.AzureStorage, quick ? QuickAzureStorage : AzureStorage, AzureStorageCompletionPoll),
        ];
        var figures = new DurableFigures(EmbeddedName, AzureStorageName);
        var succeeded = true;
        foreach (var backend in backends)
        {
            succeeded &= quick ? await RunOnOneHostAsync(backend, figures) : await RunOnFreshHostsAsync(backend, figures);
        }

        figures.PrintRatios();
        DurableTargets.Print(figures, EmbeddedName);
        return succeeded;
    }

    /// <summary>
    /// The full run: every scenario on a host and storage of its own (for AzureStorage a new Azurite process, whose
    /// deleted-message sweep would otherwise grow with the messages of the scenarios before).
    /// </summary>
    private static async Task<bool> RunOnFreshHostsAsync(BenchmarkBackend backend, DurableFigures figures)
    {
        var succeeded = true;
        foreach (var (name, scenario) in DurableScenarios.All)
        {
            succeeded &= await BenchmarkScenario.RunAsync($"durable.{backend.Name}.{name}", backend.Workload.Timeout, async cancellationToken =>
            {
                await using var host = await DurableBenchmarkHost.StartAsync(backend, cancellationToken);
                await host.WarmUpAsync(cancellationToken);
                await MeasureAsync(backend, host, scenario, figures, cancellationToken);
            });
        }

        return succeeded;
    }

    /// <summary>
    /// The smoke run: one host per backend for all scenarios, since starting Azurite and a task hub costs more than
    /// the shrunk scenarios themselves, and their few messages leave Azurite's sweep short.
    /// </summary>
    private static async Task<bool> RunOnOneHostAsync(BenchmarkBackend backend, DurableFigures figures)
    {
        DurableBenchmarkHost? host = null;
        try
        {
            var started = await BenchmarkScenario.RunAsync($"durable.{backend.Name}.start", backend.Workload.Timeout, async cancellationToken =>
            {
                host = await DurableBenchmarkHost.StartAsync(backend, cancellationToken);
                await host.WarmUpAsync(cancellationToken);
            });
            if (!started || host is null)
            {
                return false;
            }

            var succeeded = true;
            foreach (var (name, scenario) in DurableScenarios.All)
            {
                succeeded &= await BenchmarkScenario.RunAsync($"durable.{backend.Name}.{name}", backend.Workload.Timeout, cancellationToken =>
                    MeasureAsync(backend, host, scenario, figures, cancellationToken));
            }

            return succeeded;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task MeasureAsync(
        BenchmarkBackend backend, DurableBenchmarkHost host, DurableScenario scenario, DurableFigures figures, CancellationToken cancellationToken)
    {
        foreach (var figure in await scenario(host, backend.Workload, cancellationToken))
        {
            figures.Add(backend.Name, figure);
        }
    }
}
