using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Storage.AzureRest;

/// <summary>The production adapter: the Azure Storage REST API over Azure.Core pipelines, one per service.</summary>
internal sealed class AzureStorageAccount : IStorageAccount
{
    public AzureStorageAccount(AzureStorageConnection connection, AzureStorageClientOptions? options = null)
    {
        options ??= new AzureStorageClientOptions();
        Description = $"azure:{connection.AccountName}";
        Tables = new AzureTableService(new AzureStorageTransport(connection, connection.TableEndpoint, tableService: true, options));
        Blobs = new AzureBlobService(new AzureStorageTransport(connection, connection.BlobEndpoint, tableService: false, options));
        Queues = new AzureQueueService(new AzureStorageTransport(connection, connection.QueueEndpoint, tableService: false, options));
    }

    public string Description { get; }

    public ITableService Tables { get; }

    public IBlobService Blobs { get; }

    public IQueueService Queues { get; }

    public static AzureStorageAccount FromConnectionString(string connectionString, AzureStorageClientOptions? options = null) =>
        new(AzureStorageConnection.Parse(connectionString), options);
}
