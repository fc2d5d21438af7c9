using System.Collections.Concurrent;

namespace Stratus.Durable.Worker;

/// <summary>
/// In-process shortcuts around polling: a message sent by this process wakes the listener of its queue at once, and
/// a finished instance wakes the clients waiting for it. Across processes, polling (with backoff) still delivers.
/// </summary>
internal sealed class DurableSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _instances = new(StringComparer.Ordinal);

    public void NotifyQueue(string queueName)
    {
        var signal = _queues.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent sender.
            }
        }
    }

    /// <summary>Waits for a signal on the queue or for <paramref name="delay"/>, whichever comes first.</summary>
    public async Task WaitQueueAsync(string queueName, TimeSpan delay, CancellationToken cancellationToken)
    {
        var signal = _queues.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(delay);
        try
        {
            await signal.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void NotifyInstanceChanged(string instanceId)
    {
        if (_instances.TryRemove(instanceId, out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    /// <summary>A task that completes the next time this process changes the instance.</summary>
    public Task InstanceChanged(string instanceId) =>
        _instances.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
