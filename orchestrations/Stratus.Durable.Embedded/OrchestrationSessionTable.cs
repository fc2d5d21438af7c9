using System.Threading.Channels;

namespace Stratus.Durable.Embedded;

/// <summary>
/// In-memory mirror of the orchestration message queue, organised as sessions: one work item per instance at a time,
/// messages in order per instance, and an instant wake-up of a waiting dispatcher when an instance becomes ready.
/// </summary>
internal sealed class OrchestrationSessionTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceSession> _sessions = new(StringComparer.Ordinal);

    // Ready sessions in the order they became ready; a waiting LockNext is woken by the write itself, no polling.
    private readonly Channel<InstanceSession> _ready = Channel.CreateUnbounded<InstanceSession>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Adds a deliverable (committed, due) message to its instance's session.</summary>
    public void Enqueue(QueuedOrchestrationMessage message)
    {
        lock (_gate)
        {
            var session = GetOrAdd(message.InstanceId);
            session.Pending.Add(message);
            QueueIfReady(session);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for an instance with messages that nobody holds, and locks it.</summary>
    public async Task<LockedInstanceSession?> TryLockNextAsync(TimeSpan timeout, DateTime lockedUntilUtc, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var session = await ChannelReceive.NextAsync(_ready.Reader, deadline.Token);
            if (session is null)
            {
                return null;
            }

            lock (_gate)
            {
                session.IsQueuedReady = false;
                if (session.IsDetached || session.IsLocked || session.IsPurging || session.Pending.Count == 0)
                {
                    continue;
                }

                session.IsLocked = true;
                session.LockToken++;
                session.LockedUntilUtc = lockedUntilUtc;
                return new LockedInstanceSession(session, session.LockToken, lockedUntilUtc, [.. session.Pending]);
            }
        }
    }

    public bool TryRenew(InstanceSession session, long lockToken, DateTime lockedUntilUtc)
    {
        lock (_gate)
        {
            if (!IsHeldBy(session, lockToken))
            {
                return false;
            }

            session.LockedUntilUtc = lockedUntilUtc;
            return true;
        }
    }

    /// <summary>Marks the completion as committing; false if the lock was lost (expired and handed out again).</summary>
    public bool TryBeginCompletion(InstanceSession session, long lockToken)
    {
        lock (_gate)
        {
            if (!IsHeldBy(session, lockToken))
            {
                return false;
            }

            session.CompletionInFlight = true;
            return true;
        }
    }

    /// <summary>After the commit: drops the consumed prefix and unlocks; later arrivals make the session ready again.</summary>
    public void EndCompletion(InstanceSession session, long lockToken, int consumedCount, bool committed)
    {
        lock (_gate)
        {
            session.CompletionInFlight = false;
            if (!IsHeldBy(session, lockToken))
            {
                return;
            }

            if (committed)
            {
                session.Pending.RemoveRange(0, Math.Min(consumedCount, session.Pending.Count));
            }

            Unlock(session);
        }
    }

    /// <summary>Gives the messages back without consuming them (abandon, release, or a failed load).</summary>
    public bool Release(InstanceSession session, long lockToken)
    {
        lock (_gate)
        {
            if (!IsHeldBy(session, lockToken) || session.CompletionInFlight)
            {
                return false;
            }

            Unlock(session);
            return true;
        }
    }

    /// <summary>Unlocks sessions whose holder stopped renewing; returns their instance ids so their warm state is dropped.</summary>
    public List<string> ExpireLocks(DateTime nowUtc)
    {
        var expired = new List<string>();
        lock (_gate)
        {
            foreach (var session in _sessions.Values)
            {
                if (session.IsLocked && !session.CompletionInFlight && session.LockedUntilUtc <= nowUtc)
                {
                    expired.Add(session.InstanceId);
                    Unlock(session);
                }
            }
        }

        return expired;
    }

    /// <summary>Holds an idle instance out of dispatch while its purge commits; false when it has work or a holder.</summary>
    public bool TryBeginPurge(string instanceId)
    {
        lock (_gate)
        {
            var session = GetOrAdd(instanceId);
            if (session.IsLocked || session.IsPurging || session.Pending.Count > 0)
            {
                return false;
            }

            session.IsPurging = true;
            return true;
        }
    }

    public void EndPurge(string instanceId)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(instanceId, out var session))
            {
                session.IsPurging = false;
                QueueIfReady(session);
                RemoveIfIdle(session);
            }
        }
    }

    /// <summary>Forgets every session (the store was deleted).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var session in _sessions.Values)
            {
                session.IsDetached = true;
            }

            _sessions.Clear();
        }
    }

    private static bool IsHeldBy(InstanceSession session, long lockToken) =>
        !session.IsDetached && session.IsLocked && session.LockToken == lockToken;

    private void Unlock(InstanceSession session)
    {
        session.IsLocked = false;
        QueueIfReady(session);
        RemoveIfIdle(session);
    }

    private InstanceSession GetOrAdd(string instanceId)
    {
        if (!_sessions.TryGetValue(instanceId, out var session))
        {
            session = new InstanceSession(instanceId);
            _sessions.Add(instanceId, session);
        }

        return session;
    }

    private void QueueIfReady(InstanceSession session)
    {
        if (!session.IsLocked && !session.IsPurging && !session.IsQueuedReady && session.Pending.Count > 0)
        {
            session.IsQueuedReady = true;
            _ready.Writer.TryWrite(session);
        }
    }

    // Idle sessions leave the table so memory tracks live work, not every instance ever seen.
    private void RemoveIfIdle(InstanceSession session)
    {
        if (!session.IsLocked && !session.IsPurging && !session.IsQueuedReady && session.Pending.Count == 0)
        {
            session.IsDetached = true;
            _sessions.Remove(session.InstanceId);
        }
    }
}
