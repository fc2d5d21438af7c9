using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Storage;

/// <summary>One storage account: tables, blobs and queues. The Azure adapter (on the Azure SDKs) and the embedded adapter behave alike.</summary>
public interface IStorageAccount
{
    /// <summary>A short description for logs and health checks, e.g. <c>azure:devstoreaccount1</c> or <c>embedded:/data</c>.</summary>
    string Description { get; }

    ITableService Tables { get; }

    IBlobService Blobs { get; }

    IQueueService Queues { get; }
}
