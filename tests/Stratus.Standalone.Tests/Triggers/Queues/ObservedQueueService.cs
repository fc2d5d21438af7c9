using Stratus.Storage.Queues;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class ObservedQueueService(IQueueService inner, ObservedStorageAccount observer) : IQueueService
{
    public IQueueClient GetQueue(string name) => new ObservedQueueClient(inner.GetQueue(name), observer);
}
