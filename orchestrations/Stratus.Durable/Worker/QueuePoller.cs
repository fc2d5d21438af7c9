using Microsoft.Extensions.Logging;
using Stratus.Storage;
using Stratus.Storage.Queues;

namespace Stratus.Durable.Worker;

/// <summary>
/// The receive loop both listeners share: takes as many messages as there are free slots, hands them on, polls again
/// at once while messages flow, and backs off (or waits for an in-process signal) while the queue is empty.
/// </summary>
internal sealed class QueuePoller(IQueueClient queue, SemaphoreSlim slots, DurableSignals signals, TimeSpan maxPollingInterval, ILogger logger)
{
    public async Task RunAsync(TimeSpan visibility, Func<IReadOnlyList<QueueMessage>, Task> dispatch, CancellationToken stopping)
    {
        var backoff = new PollingBackoff(maxPollingInterval);
        while (!stopping.IsCancellationRequested)
        {
            IReadOnlyList<QueueMessage> messages;
            try
            {
                await slots.WaitAsync(stopping);
                var batch = Math.Min(StorageLimits.MaxQueueBatch, slots.CurrentCount + 1);
                try
                {
                    // Never cancelled: a receive cut off after the server answered would hide its messages for the
                    // whole visibility timeout with nobody to handle them. What arrives is handled before stopping.
                    messages = await queue.ReceiveAsync(batch, visibility, CancellationToken.None);
                }
                finally
                {
                    slots.Release();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                DurableLog.PollFailed(logger, queue.Name, exception);
                await WaitAsync(backoff.Next(), stopping);
                continue;
            }

            if (messages.Count == 0)
            {
                await WaitAsync(backoff.Next(), stopping);
                continue;
            }

            backoff.Reset();
            await dispatch(messages);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a slot taken by the caller; frees the slot and forgets the work when it ends.</summary>
    public static void Track(Task work, SemaphoreSlim slots, ICollection<Task> inFlight)
    {
        lock (inFlight)
        {
            inFlight.Add(work);
        }

        _ = work.ContinueWith(
            t =>
            {
                slots.Release();
                lock (inFlight)
                {
                    inFlight.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await signals.WaitQueueAsync(queue.Name, delay, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
