namespace Stratus.Durable.Embedded;

/// <summary>
/// Wakes <c>WaitForOrchestrationAsync</c> callers in this process when an instance's terminal state commits, so
/// waiting costs no polling.
/// </summary>
internal sealed class InstanceCompletionNotifier
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);

    public TaskCompletionSource Register(string instanceId)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_waiters.TryGetValue(instanceId, out var list))
            {
                list = [];
                _waiters.Add(instanceId, list);
            }

            list.Add(waiter);
        }

        return waiter;
    }

    public void Unregister(string instanceId, TaskCompletionSource waiter)
    {
        lock (_gate)
        {
            if (_waiters.TryGetValue(instanceId, out var list) && list.Remove(waiter) && list.Count == 0)
            {
                _waiters.Remove(instanceId);
            }
        }
    }

    public void Notify(string instanceId)
    {
        List<TaskCompletionSource>? list;
        lock (_gate)
        {
            if (!_waiters.Remove(instanceId, out list))
            {
                return;
            }
        }

        foreach (var waiter in list)
        {
            waiter.TrySetResult();
        }
    }
}
