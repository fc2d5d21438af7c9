using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>
/// The runtime state (replayable history) of recently run instances, least recently used evicted first, so the next
/// episode of a busy instance does not read and deserialize its history from SQLite. A state is taken out while a
/// work item holds the instance and put back only after its completion commits, so an abandoned episode's half-
/// applied events can never leak into the next one.
/// </summary>
internal sealed class WarmInstanceCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string InstanceId, OrchestrationRuntimeState State)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string InstanceId, OrchestrationRuntimeState State)> _recency = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public OrchestrationRuntimeState? TryTake(string instanceId)
    {
        lock (_gate)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            return node.Value.State;
        }
    }

    public void Put(string instanceId, OrchestrationRuntimeState state)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[instanceId] = _recency.AddFirst((instanceId, state));
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId) => TryTake(instanceId);

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }
}
