using System.Collections.Concurrent;

namespace Stratus.Durable.Worker;

/// <summary>
/// Extended sessions: replayed instances kept between episodes, so an episode reads only the inbox and replays
/// nothing. Taking a session removes it, so two episodes never share an executor.
/// </summary>
internal sealed class SessionCache(DurableOptions options)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public Session? Take(string instanceId) => _sessions.TryRemove(instanceId, out var session) ? session : null;

    public void Put(string instanceId, Session session)
    {
        if (options.ExtendedSessionCapacity == 0)
        {
            return;
        }

        if (_sessions.Count >= options.ExtendedSessionCapacity)
        {
            // Rarely reached; dropping an arbitrary session only costs that instance one replay.
            foreach (var key in _sessions.Keys.Take(Math.Max(1, options.ExtendedSessionCapacity / 10)))
            {
                _sessions.TryRemove(key, out _);
            }
        }

        _sessions[instanceId] = session;
    }

    public void Remove(string instanceId) => _sessions.TryRemove(instanceId, out _);

    public void Clear() => _sessions.Clear();
}
