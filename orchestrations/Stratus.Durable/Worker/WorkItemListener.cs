using Microsoft.Extensions.Logging;
using Stratus.Storage;
using Stratus.Storage.Queues;

namespace Stratus.Durable.Worker;

/// <summary>
/// Competing consumer of the work-item queue: runs up to the worker's activity limit at once, keeps a long
/// activity's message invisible while it runs, and deletes the message once the result is delivered.
/// </summary>
internal sealed class WorkItemListener(
    IQueueClient queue,
    DurableMessageHandler handler,
    SemaphoreSlim slots,
    DurableSignals signals,
    DurableOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    public Task RunAsync(CancellationToken stopping, CancellationToken abort, ICollection<Task> inFlight) =>
        new QueuePoller(queue, slots, signals, options.MaxPollingInterval, logger).RunAsync(
            options.WorkItemVisibilityTimeout,
            async messages =>
            {
                foreach (var message in messages)
                {
                    await slots.WaitAsync(CancellationToken.None);
                    QueuePoller.Track(Task.Run(() => RunOneAsync(message, abort), CancellationToken.None), slots, inFlight);
                }
            },
            stopping);

    private async Task RunOneAsync(QueueMessage message, CancellationToken abort)
    {
        var receipt = message.PopReceipt;
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var renewal = RenewAsync(message, r => receipt = r, renewing.Token);
        try
        {
            var handled = await handler.HandleWorkItemAsync(message.Text, isBase64: true, message.DequeueCount, abort);
            if (!handled)
            {
                DurableLog.MalformedMessage(logger, queue.Name);
            }

            await renewing.CancelAsync();
            await renewal;
            try
            {
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
            catch (ResourceNotFoundException)
            {
                // Gone already: a retried delete whose first attempt went through. The result is delivered either way.
            }
        }
        catch (Exception exception)
        {
            await renewing.CancelAsync();
            await renewal;
            if (exception is not OperationCanceledException)
            {
                DurableLog.WorkItemFailed(logger, message.MessageId, queue.Name, exception);
            }

            // Leave the message to reappear: the activity runs again (at-least-once).
            try
            {
                var retryIn = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(message.DequeueCount, 6))));
                await queue.UpdateMessageAsync(message.MessageId, receipt, abort.IsCancellationRequested ? TimeSpan.FromSeconds(1) : retryIn, cancellationToken: CancellationToken.None);
            }
            catch (StorageException)
            {
            }
        }
    }

    private async Task RenewAsync(QueueMessage message, Action<string> setReceipt, CancellationToken cancellationToken)
    {
        var receipt = message.PopReceipt;
        var every = options.WorkItemVisibilityTimeout / 2;
        try
        {
            while (true)
            {
                await Task.Delay(every, timeProvider, cancellationToken);
                var renewed = await queue.UpdateMessageAsync(message.MessageId, receipt, options.WorkItemVisibilityTimeout, cancellationToken: cancellationToken);
                receipt = renewed.PopReceipt;
                setReceipt(receipt);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (StorageException)
        {
            // Lost the message (another worker has it now); the activity's result is still delivered, once or twice.
        }
    }
}
