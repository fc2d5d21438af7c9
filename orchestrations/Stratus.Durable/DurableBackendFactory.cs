using Azure.Identity;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Stratus.Durable.Embedded;
using Stratus.Storage;

namespace Stratus.Durable;

/// <summary>Builds the DTFx orchestration service that <see cref="DurableOptions.Backend"/> names.</summary>
internal static class DurableBackendFactory
{
    public static IOrchestrationService Create(DurableOptions durable, StorageOptions storage, ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        durable.Backend switch
        {
            DurableBackend.Embedded => new EmbeddedOrchestrationService(
                new EmbeddedOrchestrationServiceSettings
                {
                    DatabasePath = Path.GetFullPath(durable.EmbeddedDatabase, Path.GetFullPath(storage.DataPath)),
                    MaxConcurrentActivities = durable.MaxConcurrentActivities,
                    MaxConcurrentOrchestrations = durable.MaxConcurrentOrchestrations,
                },
                loggerFactory,
                timeProvider),
            DurableBackend.AzureStorage => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = durable.HubName,
                StorageAccountClientProvider = AccountFor(storage),
                WorkerId = string.IsNullOrWhiteSpace(durable.WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : durable.WorkerId,

                // Otherwise a start whose id is taken is silently dropped instead of throwing OrchestrationAlreadyExistsException.
                ThrowExceptionOnInvalidDedupeStatus = true,
                PartitionCount = durable.PartitionCount,
                MaxConcurrentTaskActivityWorkItems = durable.MaxConcurrentActivities,
                MaxConcurrentTaskOrchestrationWorkItems = durable.MaxConcurrentOrchestrations,
                MaxQueuePollingInterval = durable.MaxQueuePollingInterval,
                LoggerFactory = loggerFactory,
            }),
            _ => throw new InvalidOperationException($"Stratus:Durable:Backend '{durable.Backend}' is not a backend; use Embedded or AzureStorage."),
        };

    /// <summary>The account the Functions convention names: a connection string, or an account name with an identity.</summary>
    private static StorageAccountClientProvider AccountFor(StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return new StorageAccountClientProvider(storage.ConnectionString);
        }

        if (string.IsNullOrWhiteSpace(storage.AccountName))
        {
            throw new InvalidOperationException(
                "Stratus:Durable:Backend is AzureStorage but no account is configured: set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__accountName.");
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ClientId });
        return storage.BlobServiceUri is not null && storage.QueueServiceUri is not null && storage.TableServiceUri is not null
            ? new StorageAccountClientProvider(storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri, credential)
            : new StorageAccountClientProvider(storage.AccountName, credential);
    }
}
