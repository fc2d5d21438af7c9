namespace Stratus.Durable.Worker;

/// <summary>Runs work for one instance at a time within this process; work for other instances runs in parallel.</summary>
internal sealed class InstanceSerializer
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task RunAsync(string instanceId, Func<Task> work)
    {
        Task next;
        lock (_lock)
        {
            var previous = _tails.GetValueOrDefault(instanceId) ?? Task.CompletedTask;
            next = previous.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tails[instanceId] = next;
        }

        _ = next.ContinueWith(
            _ =>
            {
                lock (_lock)
                {
                    if (_tails.TryGetValue(instanceId, out var tail) && tail == next)
                    {
                        _tails.Remove(instanceId);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return next;
    }
}
