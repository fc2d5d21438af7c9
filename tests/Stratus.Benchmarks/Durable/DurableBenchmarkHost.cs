using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Durable;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Benchmarks.Durable;

/// <summary>
/// The Stratus durable runtime (<c>AddStratusDurable</c>: DTFx's worker and the SDK client) in a generic host of its
/// own, on fresh storage: the embedded backend in a new temp folder (deleted on dispose), or AzureStorage on a new
/// Azurite process (stopped on dispose). Settings are the runtime's defaults apart from a 100 ms queue-polling ceiling;
/// runtime warnings and errors go to stderr so a run shows its problems next to its figures.
/// </summary>
internal sealed class DurableBenchmarkHost : IAsyncDisposable
{
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IHost _host;
    private readonly AzuriteServer? _azurite;
    private readonly string? _dataPath;
    private readonly TimeSpan? _pollInterval;

    private DurableBenchmarkHost(IHost host, AzuriteServer? azurite, string? dataPath, TimeSpan? pollInterval)
    {
        _host = host;
        _azurite = azurite;
        _dataPath = dataPath;
        _pollInterval = pollInterval;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public static async Task<DurableBenchmarkHost> StartAsync(BenchmarkBackend backend, CancellationToken cancellationToken)
    {
        var dataPath = backend.Backend == DurableBackend.Embedded ? Directory.CreateTempSubdirectory("stratus-bench-durable-").FullName : null;
        AzuriteServer? azurite = null;
        DurableBenchmarkHost? host = null;
        try
        {
            azurite = dataPath is null ? await StartAzuriteAsync() : null;
            host = new DurableBenchmarkHost(Build(backend, dataPath, azurite), azurite, dataPath, backend.CompletionPollInterval);
            await host._host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
            else
            {
                azurite?.Dispose();
                if (dataPath is not null)
                {
                    Directory.Delete(dataPath, recursive: true);
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances at once and returns the time from the first schedule to the moment
    /// the client sees the last one finished. The instances are waited for one after another, so the client never
    /// has more than one request of its own in flight while the runtime works.
    /// </summary>
    /// <exception cref="InvalidOperationException">An instance finished other than Completed.</exception>
    public async Task<TimeSpan> RunAsync(string orchestrator, int count, object? input, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, cancellationToken)));
        foreach (var id in ids)
        {
            await WaitForCompletionAsync(id, cancellationToken);
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// Returns when the client sees the instance finished: through the client's own wait, or by reading its status
    /// every <see cref="BenchmarkBackend.CompletionPollInterval"/> where the backend's wait is too coarse.
    /// </summary>
    /// <exception cref="InvalidOperationException">The instance finished other than Completed.</exception>
    public async Task WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var result = _pollInterval is { } interval
            ? await PollAsync(instanceId, interval, IsFinished, cancellationToken)
            : await Client.WaitForInstanceCompletionAsync(instanceId, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException(
                $"{result.Name} instance {instanceId} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorType}: {result.FailureDetails?.ErrorMessage}");
        }
    }

    /// <summary>Returns once the instance has left Pending (or already finished, which the wait for its completion reports).</summary>
    public async Task WaitUntilStartedAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_pollInterval is { } interval)
        {
            await PollAsync(instanceId, interval, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);
        }
        else
        {
            await Client.WaitForInstanceStartAsync(instanceId, cancellationToken);
        }
    }

    /// <summary>Warm-up: JIT and first-use costs (tables, queues, leases, connections) stay out of the figures.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await RunAsync(nameof(HelloSequence5), 4, null, cancellationToken);
        await RunAsync(nameof(FanOut), 1, 10, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            _azurite?.Dispose();
            if (_dataPath is not null)
            {
                Directory.Delete(_dataPath, recursive: true);
            }
        }
    }

    /// <summary>
    /// A fresh Azurite process per host: Azurite 3.37 sweeps its deleted queue messages once a minute in one blocking
    /// pass that grows worse than linearly with their number, so a shared, long-used one would time its sweeps, not
    /// the runtime. Without an installed Azurite, <c>STRATUS_AZURITE_CONNECTION</c> is used (the hub name is fresh).
    /// </summary>
    private static async Task<AzuriteServer> StartAzuriteAsync()
    {
        var installed = Environment.GetEnvironmentVariable("STRATUS_AZURITE_BIN") is { Length: > 0 }
            || File.Exists(Path.Combine(RepositoryPaths.Tools, "node_modules", ".bin", "azurite"));
        return installed || Environment.GetEnvironmentVariable("STRATUS_AZURITE_CONNECTION") is not { Length: > 0 }
            ? await AzuriteServer.StartAsync()
            : await AzuriteServer.Shared;
    }

    private static IHost Build(BenchmarkBackend backend, string? dataPath, AzuriteServer? azurite)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        builder.Services.Configure<StorageOptions>(storage =>
        {
            storage.Provider = dataPath is null ? StorageProvider.Azure : StorageProvider.Embedded;
            storage.DataPath = dataPath ?? storage.DataPath;
            storage.ConnectionString = azurite?.ConnectionString;
        });
        builder.Services.AddStratusDurable(configure: options =>
        {
            options.Backend = backend.Backend;
            options.HubName = "bench" + Guid.NewGuid().ToString("N")[..12];
            options.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
        }).AddBenchmarkOrchestrations();
        return builder.Build();
    }

    private static bool IsFinished(OrchestrationMetadata metadata) =>
        metadata.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    /// <summary>
    /// Reads the status every <paramref name="interval"/> at first, then every fiftieth of the time waited so far (at
    /// most 100 ms): finding the end late adds at most 2% or one first interval to a figure, and in long runs the
    /// benchmark's own reads stay a small part of the backend's load.
    /// </summary>
    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, TimeSpan interval, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, cancellationToken)
                ?? throw new InvalidOperationException($"Instance {instanceId} does not exist.");
            if (done(metadata))
            {
                return metadata;
            }

            await Task.Delay(Clamp(waited.Elapsed / 50, interval, MaxPollInterval), cancellationToken);
        }
    }
}
