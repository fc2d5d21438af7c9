using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Storage;

/// <summary>
/// The storage of one task hub: the History table (per instance: history rows, inbox rows and the sentinel), the
/// Instances table (one row per instance, for status and queries), the Partitions table (control-queue leases and
/// worker heartbeats), N control queues, the work-item queue, and a container for large payloads.
/// </summary>
internal sealed class TaskHub
{
    private readonly Lock _createLock = new();
    private Task? _created;

    public TaskHub(IStorageAccount storage, DurableOptions options)
    {
        Options = options;
        var hub = options.HubName;
        var lower = hub.ToLowerInvariant();
        History = storage.Tables.GetTable(hub + "History");
        Instances = storage.Tables.GetTable(hub + "Instances");
        Partitions = storage.Tables.GetTable(hub + "Partitions");
        ControlQueues = [.. Enumerable.Range(0, options.PartitionCount).Select(i => storage.Queues.GetQueue(DurableQueueNames.Control(hub, i)))];
        WorkItems = storage.Queues.GetQueue(DurableQueueNames.WorkItems(hub));
        Payloads = storage.Blobs.GetContainer($"{lower}-payloads");
    }

    public DurableOptions Options { get; }

    public ITableClient History { get; }

    public ITableClient Instances { get; }

    public ITableClient Partitions { get; }

    public IReadOnlyList<IQueueClient> ControlQueues { get; }

    public IQueueClient WorkItems { get; }

    public IBlobContainerClient Payloads { get; }

    /// <summary>The control queue of an instance: FNV-1a 32 of its id, modulo the partition count.</summary>
    public int PartitionOf(string instanceId)
    {
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)ControlQueues.Count);
    }

    public IQueueClient ControlQueueOf(string instanceId) => ControlQueues[PartitionOf(instanceId)];

    /// <summary>Creates everything once per process; later calls share the task, unless it failed.</summary>
    public Task EnsureCreatedAsync()
    {
        lock (_createLock)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync();
            }

            return _created;
        }
    }

    private async Task CreateAsync()
    {
        var creations = new List<Task>
        {
            History.CreateIfNotExistsAsync(),
            Instances.CreateIfNotExistsAsync(),
            Partitions.CreateIfNotExistsAsync(),
            WorkItems.CreateIfNotExistsAsync(),
            Payloads.CreateIfNotExistsAsync(),
        };
        creations.AddRange(ControlQueues.Select(q => q.CreateIfNotExistsAsync()));
        await Task.WhenAll(creations);
    }
}
