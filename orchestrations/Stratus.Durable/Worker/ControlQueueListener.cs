using Microsoft.Extensions.Logging;
using Stratus.Durable.Storage;
using Stratus.Storage;
using Stratus.Storage.Queues;

namespace Stratus.Durable.Worker;

/// <summary>
/// Polls one leased control queue. Wake-ups for the same instance in a batch are handled together; each instance is
/// processed by one task at a time, and its messages are deleted only after its checkpoint.
/// </summary>
internal sealed class ControlQueueListener(
    IQueueClient queue,
    OrchestrationProcessor processor,
    InstanceSerializer serializer,
    SemaphoreSlim slots,
    DurableSignals signals,
    DurableOptions options,
    ILogger logger)
{
    /// <param name="stopping">Stops receiving.</param>
    /// <param name="abort">Cancels episodes in flight (shutdown ran out of time); their wake-ups come back later.</param>
    /// <param name="inFlight">Where episodes in flight are tracked, so shutdown can wait for them.</param>
    public Task RunAsync(CancellationToken stopping, CancellationToken abort, ICollection<Task> inFlight) =>
        new QueuePoller(queue, slots, signals, options.MaxPollingInterval, logger).RunAsync(
            options.ControlMessageVisibilityTimeout,
            messages => DispatchAsync(messages, abort, inFlight),
            stopping);

    private async Task DispatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken abort, ICollection<Task> inFlight)
    {
        foreach (var group in messages.GroupBy(InstanceOf))
        {
            if (group.Key is null)
            {
                DurableLog.MalformedMessage(logger, queue.Name);
                await Task.WhenAll(group.Select(m => DeleteAsync(m)));
                continue;
            }

            await slots.WaitAsync(CancellationToken.None);
            QueuePoller.Track(serializer.RunAsync(group.Key, () => ProcessAsync(group.Key, [.. group], abort)), slots, inFlight);
        }
    }

    private static string? InstanceOf(QueueMessage message)
    {
        try
        {
            return Wakeup.TryParse(QueueText.Decode(message.Text), out var wakeup) ? wakeup.InstanceId : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task ProcessAsync(string instanceId, IReadOnlyList<QueueMessage> messages, CancellationToken abort)
    {
        try
        {
            // The instance is processed once for all its wake-ups; each timer wake-up may still need re-arming.
            var wakeups = messages.Select(m => Wakeup.TryParse(QueueText.Decode(m.Text), out var w) ? w : new Wakeup(instanceId, null)).ToList();
            var primary = wakeups.FirstOrDefault(w => w.TimerDueAt is not null) ?? wakeups[0];
            await processor.ProcessAsync(primary, abort);
            foreach (var extra in wakeups.Where(w => w != primary && w.TimerDueAt is not null))
            {
                await processor.RearmAsync(extra, abort);
            }

            await Task.WhenAll(messages.Select(m => DeleteAsync(m)));
        }
        catch (Exception exception)
        {
            if (!abort.IsCancellationRequested)
            {
                DurableLog.ProcessingFailed(logger, instanceId, exception);
            }

            foreach (var message in messages)
            {
                // Retry soon rather than after the full visibility timeout; back off as failures repeat.
                var retryIn = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(message.DequeueCount, 6))));
                try
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, retryIn, cancellationToken: CancellationToken.None);
                }
                catch (StorageException)
                {
                }
            }
        }
    }

    private async Task DeleteAsync(QueueMessage message)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (ResourceNotFoundException)
        {
        }
    }
}
