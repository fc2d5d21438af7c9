using System.Text.Json;
using Stratus.Functions.Triggers.Queues;
using Stratus.Storage;

namespace Stratus.Functions.Events;

internal sealed class QueuePlatformEventPublisher(IStorageAccount storage, IQueueWakeup wakeup) : IPlatformEventPublisher
{
    public async Task PublishAsync(PlatformEvent platformEvent, CancellationToken cancellationToken)
    {
        if (PlatformEventValidator.Problem(platformEvent) is { } problem)
        {
            throw new ArgumentException(problem, nameof(platformEvent));
        }

        var queue = storage.Queues.GetQueue(EventQueueFunction.QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        await queue.SendToFunctionAsync(JsonSerializer.Serialize(platformEvent, PlatformEventJsonContext.Default.PlatformEvent), wakeup, cancellationToken: cancellationToken);
    }
}
