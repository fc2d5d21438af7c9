using System.Threading.Channels;

namespace Stratus.Durable.Embedded;

/// <summary>
/// In-memory mirror of the committed activity messages: a FIFO channel (so a waiting LockNext wakes as soon as an
/// activity is enqueued) plus the set handed out, for renewals, lock expiry and refusing completions of lost locks.
/// </summary>
internal sealed class ActivityWorkQueue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, QueuedActivityMessage> _locked = [];
    private readonly Channel<QueuedActivityMessage> _ready = Channel.CreateUnbounded<QueuedActivityMessage>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public void Enqueue(QueuedActivityMessage message) => _ready.Writer.TryWrite(message);

    public async Task<QueuedActivityMessage?> TryLockNextAsync(TimeSpan timeout, Func<DateTime> lockedUntilUtc, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var message = await ChannelReceive.NextAsync(_ready.Reader, deadline.Token);
            if (message is null)
            {
                return null;
            }

            lock (_gate)
            {
                if (message.IsLocked)
                {
                    continue;
                }

                message.IsLocked = true;
                message.LockToken++;
                message.LockedUntilUtc = lockedUntilUtc();
                _locked[message.Sequence] = message;
                return message;
            }
        }
    }

    public bool TryRenew(QueuedActivityMessage message, long lockToken, DateTime lockedUntilUtc)
    {
        lock (_gate)
        {
            if (!IsHeldBy(message, lockToken))
            {
                return false;
            }

            message.LockedUntilUtc = lockedUntilUtc;
            return true;
        }
    }

    public bool TryBeginCompletion(QueuedActivityMessage message, long lockToken)
    {
        lock (_gate)
        {
            if (!IsHeldBy(message, lockToken) || message.CompletionInFlight)
            {
                return false;
            }

            message.CompletionInFlight = true;
            return true;
        }
    }

    /// <summary>After the completion's commit: the message is gone for good, or (commit failed) handed out again.</summary>
    public void EndCompletion(QueuedActivityMessage message, bool committed)
    {
        lock (_gate)
        {
            message.CompletionInFlight = false;
            _locked.Remove(message.Sequence);
            message.IsLocked = false;
            if (!committed)
            {
                _ready.Writer.TryWrite(message);
            }
        }
    }

    public void Abandon(QueuedActivityMessage message, long lockToken)
    {
        lock (_gate)
        {
            if (!IsHeldBy(message, lockToken) || message.CompletionInFlight)
            {
                return;
            }

            _locked.Remove(message.Sequence);
            message.IsLocked = false;
            _ready.Writer.TryWrite(message);
        }
    }

    /// <summary>Hands out again activities whose worker stopped renewing; returns how many.</summary>
    public int ExpireLocks(DateTime nowUtc)
    {
        lock (_gate)
        {
            var expired = _locked.Values.Where(m => !m.CompletionInFlight && m.LockedUntilUtc <= nowUtc).ToList();
            foreach (var message in expired)
            {
                _locked.Remove(message.Sequence);
                message.IsLocked = false;
                _ready.Writer.TryWrite(message);
            }

            return expired.Count;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _locked.Clear();
            while (_ready.Reader.TryRead(out _))
            {
            }
        }
    }

    private static bool IsHeldBy(QueuedActivityMessage message, long lockToken) => message.IsLocked && message.LockToken == lockToken;
}
