namespace Stratus.Api.Triggers;

/// <summary>
/// One listener's wake-up signal. A notify that arrives while the listener polls is kept, not lost: the listener's
/// next wait returns at once. At worst that costs one extra poll.
/// </summary>
internal sealed class QueueWakeupSubscription : IDisposable
{
    private readonly Lock _gate = new();
    private readonly QueueWakeup _owner;
    private TaskCompletionSource _signal = NewSignal();

    public QueueWakeupSubscription(QueueWakeup owner, string queueName)
    {
        _owner = owner;
        QueueName = queueName;
    }

    public string QueueName { get; }

    public void Signal()
    {
        lock (_gate)
        {
            _signal.TrySetResult();
        }
    }

    /// <returns><c>true</c> when woken by a notify; <c>false</c> when <paramref name="delay"/> passed first.</returns>
    public async Task<bool> WaitAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            signal = _signal.Task;
        }

        try
        {
            await signal.WaitAsync(delay, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        lock (_gate)
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = NewSignal();
            }
        }

        return true;
    }

    public void Dispose() => _owner.Unsubscribe(this);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
