using System.Text.Json;
using Stratus.Api.Triggers;
using Stratus.Storage;

namespace Stratus.Api.Events;

internal sealed class QueuePlatformEventPublisher(IStorageAccount storage, IQueueWakeup wakeup) : IPlatformEventPublisher
{
    public async Task PublishAsync(PlatformEvent platformEvent, CancellationToken cancellationToken)
    {
        if (PlatformEventValidator.Problem(platformEvent) is { } problem)
        {
            throw new ArgumentException(problem, nameof(platformEvent));
        }

        var queue = storage.Queues.GetQueue(EventQueueFunction.QueueName);
        var text = JsonSerializer.Serialize(platformEvent, PlatformEventJsonContext.Default.PlatformEvent);
        try
        {
            await queue.SendToFunctionAsync(text, wakeup, cancellationToken: cancellationToken);
        }
        catch (ResourceNotFoundException ex) when (ex.ErrorCode == "QueueNotFound")
        {
            // Only the very first event of a new store finds the queue missing (the listener creates it too).
            await queue.CreateIfNotExistsAsync(cancellationToken);
            await queue.SendToFunctionAsync(text, wakeup, cancellationToken: cancellationToken);
        }
    }
}
