using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.TestWorker;
using Stratus.Testing;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// One task hub for several workers, in this process or in worker processes: a fresh hub name on the shared Azurite,
/// or one embedded data folder that all of them open. Its scratch folder also holds the activities' execution log.
/// </summary>
internal sealed class SharedTaskHub : IDisposable
{
    private SharedTaskHub(StorageKind kind, string hubName, string folder, string? connectionString)
    {
        Kind = kind;
        HubName = hubName;
        Folder = folder;
        ConnectionString = connectionString;
    }

    public StorageKind Kind { get; }

    public string HubName { get; }

    /// <summary>Removed with the hub.</summary>
    public string Folder { get; }

    public string? DataPath => Kind == StorageKind.Embedded ? Path.Combine(Folder, "data") : null;

    public string? ConnectionString { get; }

    /// <summary>Where the activities of <see cref="StepChain"/> note their runs, here and in worker processes.</summary>
    public string ExecutionLogPath => Path.Combine(Folder, "activity-runs.log");

    public static async Task<SharedTaskHub> CreateAsync(StorageKind kind)
    {
        var connectionString = kind == StorageKind.Azurite ? await DurableAzurite.NextConnectionStringAsync() : null;
        var folder = Directory.CreateTempSubdirectory("stratus-durable-shared-").FullName;
        return new SharedTaskHub(kind, "t" + Guid.NewGuid().ToString("N")[..12], folder, connectionString);
    }

    /// <summary>A host on this hub that runs <see cref="StepChain"/> too; with <c>RunWorker = false</c> it is only a client.</summary>
    public Task<DurableHost> StartHostAsync(Action<DurableOptions>? configure = null) =>
        DurableHost.StartAsync(
            Kind,
            HubName,
            DataPath,
            configure,
            register: durable =>
            {
                durable.AddTestWorkerOrchestrations();
                durable.Services.AddSingleton(new ExecutionLog(ExecutionLogPath));
            },
            azuriteConnectionString: ConnectionString);

    /// <summary>The settings a worker process needs to join this hub.</summary>
    public IReadOnlyDictionary<string, string> WorkerSettings() => new Dictionary<string, string>
    {
        ["Stratus__Storage__Provider"] = Kind == StorageKind.Embedded ? "Embedded" : "Azure",
        [Kind == StorageKind.Embedded ? "Stratus__Storage__DataPath" : "Stratus__Storage__ConnectionString"] = DataPath ?? ConnectionString!,
        ["Stratus__Durable__HubName"] = HubName,
        ["TestWorker__ExecutionLog"] = ExecutionLogPath,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
