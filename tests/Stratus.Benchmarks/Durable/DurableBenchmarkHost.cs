using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Durable;
using Stratus.Durable.Client;
using Stratus.Durable.Worker;
using Stratus.Storage;

namespace Stratus.Benchmarks.Durable;

/// <summary>
/// One worker and client in a generic host on a fresh task hub: embedded storage in a temp folder of its own (deleted
/// on dispose), or Azurite with a hub name of its own. Engine settings are the defaults apart from a 100 ms polling
/// ceiling; engine warnings and errors go to stderr so a run shows its problems next to its figures.
/// </summary>
internal sealed class DurableBenchmarkHost : IAsyncDisposable
{
    private static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly OrchestrationRuntimeStatus[] Unfinished = [.. Enum.GetValues<OrchestrationRuntimeStatus>().Where(s => !s.IsTerminal())];

    private readonly IHost _host;
    private readonly string? _dataPath;

    private DurableBenchmarkHost(IHost host, string? dataPath)
    {
        _host = host;
        _dataPath = dataPath;
        Client = host.Services.GetRequiredService<DurableClient>();
    }

    public DurableClient Client { get; }

    /// <param name="azuriteConnectionString">Azurite's connection string, or null for the embedded store.</param>
    public static async Task<DurableBenchmarkHost> StartAsync(string? azuriteConnectionString, CancellationToken cancellationToken)
    {
        var dataPath = azuriteConnectionString is null ? Directory.CreateTempSubdirectory("stratus-bench-durable-").FullName : null;
        var storage = dataPath is not null
            ? new StorageOptions { Provider = StorageProvider.Embedded, DataPath = dataPath }
            : new StorageOptions { Provider = StorageProvider.Azure, ConnectionString = azuriteConnectionString };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        builder.Services.AddSingleton(StorageAccountFactory.Create(storage, TimeProvider.System));
        builder.Services.AddStratusDurable(configure: options =>
        {
            options.HubName = "bench" + Guid.NewGuid().ToString("N")[..12];
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
        }).AddBenchmarkOrchestrations();
        var host = new DurableBenchmarkHost(builder.Build(), dataPath);
        try
        {
            await host._host.StartAsync(cancellationToken);
            await host.WaitForPartitionsAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances at once and returns the time from the first schedule to the moment
    /// the client sees the last one finished.
    /// </summary>
    /// <remarks>
    /// One instance is waited for the usual way. Many are watched by one poller asking whether any is unfinished:
    /// a waiter per instance re-reads its row on every checkpoint and about once a second besides, and that client
    /// load competes with the engine for storage (200 such waiters cut HelloSequence5 on Azurite from about 14 to
    /// 8-10 orchestrations/s in trial runs), so the figure would partly measure the client.
    /// </remarks>
    /// <exception cref="InvalidOperationException">An instance finished other than Completed.</exception>
    public async Task<TimeSpan> RunAsync(string orchestrator, int count, object? input, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (count == 1)
        {
            var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, cancellationToken: cancellationToken);
            await WaitForCompletionAsync(id, cancellationToken);
            return watch.Elapsed;
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, cancellationToken: cancellationToken)));
        while (await FindAsync(Unfinished, cancellationToken) is not null)
        {
            await Task.Delay(CompletionPollInterval, cancellationToken);
        }

        var elapsed = watch.Elapsed;
        if (await FindAsync([OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], cancellationToken) is { } failed)
        {
            throw new InvalidOperationException(
                $"{failed.Name} instance {failed.InstanceId} ended {failed.RuntimeStatus}: {failed.FailureDetails?.ErrorType}: {failed.FailureDetails?.ErrorMessage}");
        }

        return elapsed;
    }

    /// <exception cref="InvalidOperationException">The instance finished other than Completed.</exception>
    public async Task WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
    {
        // Inputs and outputs stay unread: fetching them would add client work to every figure.
        var result = await Client.WaitForInstanceCompletionAsync(instanceId, fetchInputsAndOutputs: false, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException(
                $"{result.Name} instance {instanceId} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorType}: {result.FailureDetails?.ErrorMessage}");
        }
    }

    /// <summary>Returns once the instance has started (or already finished, which the wait for its completion reports).</summary>
    public async Task WaitUntilStartedAsync(string instanceId, CancellationToken cancellationToken)
    {
        while ((await Client.GetInstanceAsync(instanceId, fetchInputsAndOutputs: false, cancellationToken))?.RuntimeStatus is null or OrchestrationRuntimeStatus.Pending)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await _host.StopAsync(timeout.Token);
        }

        (_host.Services.GetRequiredService<IStorageAccount>() as IDisposable)?.Dispose();
        _host.Dispose();
        if (_dataPath is not null)
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    /// <summary>A figure taken before the worker holds every control partition would include the lease start-up.</summary>
    private async Task WaitForPartitionsAsync(CancellationToken cancellationToken)
    {
        var worker = _host.Services.GetRequiredService<DurableWorker>();
        var options = _host.Services.GetRequiredService<IOptions<DurableOptions>>().Value;
        while (worker.OwnedPartitions.Count < options.PartitionCount)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Any one instance of the hub in one of <paramref name="statuses"/>, or null when there is none.</summary>
    private async Task<OrchestrationMetadata?> FindAsync(IReadOnlyCollection<OrchestrationRuntimeStatus> statuses, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { Statuses = statuses, PageSize = 1 };
        do
        {
            // A filtered table query may return an empty page with a continuation token; only the last page is conclusive.
            var page = await Client.QueryInstancesAsync(query, cancellationToken);
            if (page.Instances.Count > 0)
            {
                return page.Instances[0];
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
        return null;
    }
}
