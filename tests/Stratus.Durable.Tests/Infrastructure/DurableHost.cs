using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Durable.Client;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Durable.Worker;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// A worker and client on a fresh task hub, in a real generic host: embedded storage in a temp folder, or the shared
/// Azurite with a hub name of its own. Settings are tightened (short leases, short polls) so tests run fast.
/// </summary>
internal sealed class DurableHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _ownedDataPath;

    private DurableHost(IHost host, string hubName, string? ownedDataPath)
    {
        _host = host;
        HubName = hubName;
        _ownedDataPath = ownedDataPath;
    }

    public string HubName { get; }

    public DurableClient Client => _host.Services.GetRequiredService<DurableClient>();

    public IServiceProvider Services => _host.Services;

    public DurableWorker Worker => _host.Services.GetRequiredService<DurableWorker>();

    public static async Task<DurableHost> StartAsync(
        StorageKind kind,
        string? hubName = null,
        string? dataPath = null,
        Action<DurableOptions>? configure = null,
        bool start = true,
        Action<DurableBuilder>? register = null,
        string? azuriteConnectionString = null)
    {
        hubName ??= "t" + Guid.NewGuid().ToString("N")[..12];
        var ownedDataPath = kind == StorageKind.Embedded && dataPath is null
            ? Directory.CreateTempSubdirectory("stratus-durable-").FullName
            : null;
        var storage = kind == StorageKind.Embedded
            ? new StorageOptions { Provider = StorageProvider.Embedded, DataPath = dataPath ?? ownedDataPath! }
            : new StorageOptions { Provider = StorageProvider.Azure, ConnectionString = azuriteConnectionString ?? await DurableAzurite.NextConnectionStringAsync() };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(StorageAccountFactory.Create(storage, TimeProvider.System));
        var durable = builder.Services.AddStratusDurable(configure: options =>
        {
            options.HubName = hubName;
            options.PartitionLeaseDuration = TimeSpan.FromSeconds(4);
            options.PartitionLeaseRenewInterval = TimeSpan.FromMilliseconds(500);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(options);
        }).AddTestOrchestrations();
        register?.Invoke(durable);
        var host = builder.Build();
        if (start)
        {
            await host.StartAsync();
        }

        return new DurableHost(host, hubName, ownedDataPath);
    }

    public Task StartAsync() => _host.StartAsync();

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        (_host.Services.GetRequiredService<IStorageAccount>() as IDisposable)?.Dispose();
        _host.Dispose();
        if (_ownedDataPath is not null)
        {
            try
            {
                Directory.Delete(_ownedDataPath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Runs to completion and returns the metadata, failing the test if it takes longer than the token allows.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input, CancellationToken cancellationToken, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        return await Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellationToken);
    }
}
