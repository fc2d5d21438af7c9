using Azure.Storage.Queues;
using Stratus.Storage.Queues;

namespace Stratus.Storage.Azure;

internal sealed class AzureQueueService(QueueServiceClient service) : IQueueService
{
    public IQueueClient GetQueue(string name)
    {
        StorageNames.ValidateQueueName(name);
        return new AzureQueueClient(service.GetQueueClient(name));
    }
}
