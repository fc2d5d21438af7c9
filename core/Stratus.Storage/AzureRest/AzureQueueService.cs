using Stratus.Storage.Queues;

namespace Stratus.Storage.AzureRest;

internal sealed class AzureQueueService(AzureStorageTransport transport) : IQueueService
{
    public IQueueClient GetQueue(string name)
    {
        StorageNames.ValidateQueueName(name);
        return new AzureQueueClient(transport, name);
    }
}
