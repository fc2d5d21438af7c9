using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Standalone.Tests.Triggers.Queues;

/// <summary>A real account whose queue calls report back once they have returned, so tests wait on signals, not time.</summary>
public sealed class ObservedStorageAccount(IStorageAccount inner) : IStorageAccount
{
    public string Description => inner.Description;

    public ITableService Tables => inner.Tables;

    public IBlobService Blobs => inner.Blobs;

    public IQueueService Queues => new ObservedQueueService(inner.Queues, this);

    public Action<string, IReadOnlyList<QueueMessage>>? AfterReceive { get; set; }

    public Action<string, string>? AfterSend { get; set; }

    public Action<string, TimeSpan>? AfterUpdate { get; set; }
}
