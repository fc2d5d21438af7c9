using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Storage;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// A generic host with the durable runtime on a <see cref="TaskHubLocation"/>: the backend, the client and the
/// worker as an application gets them from <c>AddStratusDurable</c>, with the test orchestrations registered.
/// Disposing it stops the worker, and deletes the location when the host made it.
/// </summary>
internal sealed class DurableHost : IAsyncDisposable
{
    private static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly IHost _host;
    private readonly bool _ownsLocation;
    private bool _stopped;

    private DurableHost(IHost host, TaskHubLocation location, bool ownsLocation)
    {
        _host = host;
        Location = location;
        _ownsLocation = ownsLocation;
    }

    public TaskHubLocation Location { get; }

    public DurableBackend Backend => Location.Backend;

    public IServiceProvider Services => _host.Services;

    public StratusDurableTaskClient Client => _host.Services.GetRequiredService<StratusDurableTaskClient>();

    /// <summary>What the host logged at Warning and above.</summary>
    public LogCapture Logs => _host.Services.GetRequiredService<LogCapture>();

    /// <summary>A host on a location of its own, deleted with the host.</summary>
    public static async Task<DurableHost> StartAsync(
        DurableBackend backend,
        Action<IServiceCollection>? services = null,
        Action<DurableOptions>? configure = null)
    {
        var location = await TaskHubLocation.CreateAsync(backend);
        try
        {
            return await StartAsync(location, services, configure, ownsLocation: true);
        }
        catch
        {
            await location.DisposeAsync();
            throw;
        }
    }

    /// <summary>A host on a location the test owns, e.g. shared with another host or reopened after a stop.</summary>
    public static Task<DurableHost> StartAsync(
        TaskHubLocation location,
        Action<IServiceCollection>? services = null,
        Action<DurableOptions>? configure = null) =>
        StartAsync(location, services, configure, ownsLocation: false);

    private static async Task<DurableHost> StartAsync(
        TaskHubLocation location,
        Action<IServiceCollection>? services,
        Action<DurableOptions>? configure,
        bool ownsLocation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logs = new LogCapture();
        builder.Services.AddSingleton(logs);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
        builder.Services.Configure<StorageOptions>(location.Configure);
        builder.Services
            .AddStratusDurable(configure: options =>
            {
                location.Configure(options);
                configure?.Invoke(options);
            })
            .AddTestOrchestrations();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new DurableHost(host, location, ownsLocation);
    }

    /// <summary>Stops the worker, as the application's shutdown does (once; disposing stops it too).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
            if (_ownsLocation)
            {
                await Location.DisposeAsync();
            }
        }
    }

    /// <summary>Schedules an instance and waits until it has finished.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input, CancellationToken cancellationToken, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        return await WaitUntilFinishedAsync(id, cancellationToken);
    }

    /// <summary>
    /// Polls the status (with inputs and outputs) until the instance has finished. Quicker than
    /// <see cref="DurableTaskClient.WaitForInstanceCompletionAsync(string, bool, CancellationToken)"/>, which polls
    /// Azure Storage every 2 s; that method has tests of its own.
    /// </summary>
    public Task<OrchestrationMetadata> WaitUntilFinishedAsync(string instanceId, CancellationToken cancellationToken) =>
        WaitForAsync(instanceId, m => m.IsCompleted, "has finished", cancellationToken);

    public Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, CancellationToken cancellationToken) =>
        WaitForAsync(instanceId, m => m.RuntimeStatus == status, $"is {status}", cancellationToken);

    /// <summary>Waits until the instance's custom status, as JSON, is <paramref name="serializedCustomStatus"/>.</summary>
    public Task<OrchestrationMetadata> WaitForCustomStatusAsync(string instanceId, string serializedCustomStatus, CancellationToken cancellationToken) =>
        WaitForAsync(instanceId, m => m.SerializedCustomStatus == serializedCustomStatus, $"has custom status {serializedCustomStatus}", cancellationToken);

    public async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var last = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (last is not null && condition(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(StatusPollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {instanceId} {what}; it is {last?.RuntimeStatus.ToString() ?? "missing"} " +
                    $"(custom status {last?.SerializedCustomStatus ?? "none"}, failure {last?.FailureDetails?.ErrorMessage ?? "none"}).{Describe(Logs)}");
            }
        }
    }

    private static string Describe(LogCapture logs) =>
        logs.Entries.Count == 0 ? "" : Environment.NewLine + "Host warnings and errors:" + Environment.NewLine +
            string.Join(Environment.NewLine, logs.Entries.TakeLast(20).Select(e => $"  {e.Level} {e.Category}: {e.Message}"));
}
