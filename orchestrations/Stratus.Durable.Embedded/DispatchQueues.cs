namespace Stratus.Durable.Embedded;

/// <summary>
/// The in-memory side of the backend, mirroring the committed database: sessions per instance, the activity queue,
/// held timers, warm runtime states and completion waiters. Only committed changes are ever applied to it.
/// </summary>
internal sealed class DispatchQueues : IDisposable
{
    private readonly TimeProvider _timeProvider;

    public DispatchQueues(TimeProvider timeProvider, int warmInstanceCapacity)
    {
        _timeProvider = timeProvider;
        WarmInstances = new WarmInstanceCache(warmInstanceCapacity);
        Timers = new DurableTimerQueue(timeProvider, Sessions.Enqueue);
    }

    public OrchestrationSessionTable Sessions { get; } = new();

    public ActivityWorkQueue Activities { get; } = new();

    public WarmInstanceCache WarmInstances { get; }

    public InstanceCompletionNotifier Completions { get; } = new();

    public DurableTimerQueue Timers { get; }

    public DateTime UtcNow => _timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Makes a committed message deliverable now, or holds it until it is due.</summary>
    public void Deliver(QueuedOrchestrationMessage message)
    {
        if (message.VisibleAtTicks > _timeProvider.GetUtcNow().UtcTicks)
        {
            Timers.Schedule(message);
        }
        else
        {
            Sessions.Enqueue(message);
        }
    }

    public void Clear()
    {
        Sessions.Clear();
        Activities.Clear();
        Timers.Clear();
        WarmInstances.Clear();
    }

    public void Dispose() => Timers.Dispose();
}
