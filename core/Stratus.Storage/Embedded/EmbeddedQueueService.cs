using Stratus.Storage.Queues;

namespace Stratus.Storage.Embedded;

internal sealed class EmbeddedQueueService(EmbeddedDatabase database, TimeProvider clock) : IQueueService
{
    public IQueueClient GetQueue(string name) => new EmbeddedQueueClient(database, clock, name);
}
