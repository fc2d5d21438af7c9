namespace Stratus.Durable.Embedded;

/// <summary>
/// Holds committed messages that are not yet visible (durable timers, scheduled starts) and releases each when it is
/// due. One <see cref="ITimer"/> is armed for the earliest due time, so waiting costs nothing and there is no polling.
/// </summary>
internal sealed class DurableTimerQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<QueuedOrchestrationMessage, (long VisibleAt, long Sequence)> _held = new();
    private readonly TimeProvider _timeProvider;
    private readonly Action<QueuedOrchestrationMessage> _release;
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private bool _disposed;

    public DurableTimerQueue(TimeProvider timeProvider, Action<QueuedOrchestrationMessage> release)
    {
        _timeProvider = timeProvider;
        _release = release;
        _timer = timeProvider.CreateTimer(_ => ReleaseDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    public void Schedule(QueuedOrchestrationMessage message)
    {
        lock (_gate)
        {
            _held.Enqueue(message, (message.VisibleAtTicks, message.Sequence));
            if (message.VisibleAtTicks < _armedFor)
            {
                Arm(message.VisibleAtTicks);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _held.Clear();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void ReleaseDue()
    {
        var due = new List<QueuedOrchestrationMessage>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow().UtcTicks;
            while (_held.TryPeek(out var message, out var key) && key.VisibleAt <= now)
            {
                _held.Dequeue();
                due.Add(message);
            }

            _armedFor = long.MaxValue;
            if (_held.TryPeek(out _, out var next))
            {
                Arm(next.VisibleAt);
            }
        }

        foreach (var message in due)
        {
            _release(message);
        }
    }

    // Called under _gate: re-arms the single timer for the earliest due time.
    private void Arm(long visibleAtTicks)
    {
        if (_disposed)
        {
            return;
        }

        _armedFor = visibleAtTicks;
        var delay = TimeSpan.FromTicks(Math.Max(0, visibleAtTicks - _timeProvider.GetUtcNow().UtcTicks));
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
