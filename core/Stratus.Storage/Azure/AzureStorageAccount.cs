using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Storage.Azure;

/// <summary>The production adapter: the Azure SDK clients (Azure.Data.Tables, Azure.Storage.Blobs, Azure.Storage.Queues).</summary>
internal sealed class AzureStorageAccount : IStorageAccount
{
    public AzureStorageAccount(AzureStorageConnection connection, AzureStorageClientOptions? options = null)
    {
        options ??= new AzureStorageClientOptions();
        Description = $"azure:{connection.AccountName}";
        var tableOptions = options.ApplyTo(new TableClientOptions());
        var blobOptions = options.ApplyTo(new BlobClientOptions());

        // Message text goes over the wire as given (XML-escaped, not Base64): encoding for the Functions queue
        // trigger is the caller's business, as it always was.
        var queueOptions = options.ApplyTo(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var (tables, blobs, queues) = connection switch
        {
            { AccountKey: { } key } => (
                new TableServiceClient(connection.TableEndpoint, new TableSharedKeyCredential(connection.AccountName, Convert.ToBase64String(key)), tableOptions),
                new BlobServiceClient(connection.BlobEndpoint, new StorageSharedKeyCredential(connection.AccountName, Convert.ToBase64String(key)), blobOptions),
                new QueueServiceClient(connection.QueueEndpoint, new StorageSharedKeyCredential(connection.AccountName, Convert.ToBase64String(key)), queueOptions)),
            { SasToken: { } sas } => (
                new TableServiceClient(connection.TableEndpoint, new AzureSasCredential(sas), tableOptions),
                new BlobServiceClient(connection.BlobEndpoint, new AzureSasCredential(sas), blobOptions),
                new QueueServiceClient(connection.QueueEndpoint, new AzureSasCredential(sas), queueOptions)),
            { TokenCredential: { } credential } => (
                new TableServiceClient(connection.TableEndpoint, credential, tableOptions),
                new BlobServiceClient(connection.BlobEndpoint, credential, blobOptions),
                new QueueServiceClient(connection.QueueEndpoint, credential, queueOptions)),
            _ => throw new StorageConfigurationException("The storage connection has no key, SAS token or token credential."),
        };
        Tables = new AzureTableService(tables);
        Blobs = new AzureBlobService(blobs);
        Queues = new AzureQueueService(queues);
    }

    public string Description { get; }

    public ITableService Tables { get; }

    public IBlobService Blobs { get; }

    public IQueueService Queues { get; }

    public static AzureStorageAccount FromConnectionString(string connectionString, AzureStorageClientOptions? options = null) =>
        new(AzureStorageConnection.Parse(connectionString), options);
}
