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
        var parsed = messages.Select(m => (Message: m, Wakeup: Parse(m))).ToList();
        foreach (var group in parsed.GroupBy(p => p.Wakeup?.InstanceId))
        {
            if (group.Key is null)
            {
                DurableLog.MalformedMessage(logger, queue.Name);
                await Task.WhenAll(group.Select(p => DeleteAsync(p.Message)));
                continue;
            }

            await slots.WaitAsync(CancellationToken.None);
            var wakeups = group.Select(p => p.Wakeup!).ToList();
            var groupMessages = group.Select(p => p.Message).ToList();
            QueuePoller.Track(serializer.RunAsync(group.Key, () => ProcessAsync(group.Key, wakeups, groupMessages, abort)), slots, inFlight);
        }
    }

    private static Wakeup? Parse(QueueMessage message)
    {
        try
        {
            return Wakeup.TryParse(QueueText.Decode(message.Text), out var wakeup) ? wakeup : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task ProcessAsync(string instanceId, IReadOnlyList<Wakeup> wakeups, IReadOnlyList<QueueMessage> messages, CancellationToken abort)
    {
        try
        {
            // The instance is processed once for all its wake-ups; each timer wake-up may still need re-arming.
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
