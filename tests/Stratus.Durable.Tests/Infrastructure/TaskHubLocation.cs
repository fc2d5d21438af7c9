using Microsoft.Extensions.Logging.Abstractions;
using Stratus.Storage;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// Where one test's task hub lives: a temp data folder of its own (Embedded) or a hub name of its own on one of the
/// tests' Azurites (AzureStorage). Several hosts may be started on it, one after the other or side by side.
/// Disposing it deletes the hub and the folder.
/// </summary>
internal sealed class TaskHubLocation : IAsyncDisposable
{
    private TaskHubLocation(DurableBackend backend, string hubName, string dataPath, string? connectionString, int partitionCount)
    {
        Backend = backend;
        HubName = hubName;
        DataPath = dataPath;
        ConnectionString = connectionString;
        PartitionCount = partitionCount;
    }

    public DurableBackend Backend { get; }

    public string HubName { get; }

    /// <summary>The embedded backend's data folder; made for every location so both backends clean up alike.</summary>
    public string DataPath { get; }

    /// <summary>The Azurite this hub is on (AzureStorage only).</summary>
    public string? ConnectionString { get; }

    /// <summary>AzureStorage control queues: one keeps a single-host test light; the multi-worker tests ask for more.</summary>
    public int PartitionCount { get; }

    public static async Task<TaskHubLocation> CreateAsync(DurableBackend backend, int partitionCount = 1)
    {
        var connectionString = backend == DurableBackend.AzureStorage ? await DurableAzurite.NextConnectionStringAsync() : null;
        var dataPath = Directory.CreateTempSubdirectory("stratus-durable-").FullName;
        return new TaskHubLocation(backend, "t" + Guid.NewGuid().ToString("N")[..12], dataPath, connectionString, partitionCount);
    }

    /// <summary>The settings a host on this location runs with; tests may change them further.</summary>
    public void Configure(DurableOptions options)
    {
        options.Backend = Backend;
        options.HubName = HubName;
        options.PartitionCount = PartitionCount;
        options.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
        options.MaxConcurrentActivities = 20;
        options.MaxConcurrentOrchestrations = 20;
    }

    public void Configure(StorageOptions options)
    {
        options.Provider = Backend == DurableBackend.Embedded ? StorageProvider.Embedded : StorageProvider.Azure;
        options.DataPath = DataPath;
        options.ConnectionString = ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (Backend == DurableBackend.AzureStorage)
        {
            // Azurite keeps everything in memory: drop the hub's queues, tables and containers.
            var durable = new DurableOptions();
            Configure(durable);
            var storage = new StorageOptions();
            Configure(storage);
            try
            {
                await DurableBackendFactory.Create(durable, storage, NullLoggerFactory.Instance, TimeProvider.System).DeleteAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Best effort: a hub left behind costs memory, not correctness.
            }
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
