namespace Stratus.Apps.Locks;

/// <summary>
/// Keeps an app lock that the caller holds: renews it every third of its duration in the background until
/// disposed. <see cref="Lost"/> is cancelled when a renewal finds the lock gone (or storage stays unreachable until
/// the lease has run out), so work wrapped in it stops instead of running unprotected. Disposing stops renewing; it
/// does not release the lock (<see cref="AppLockStore.ReleaseAsync"/> does, once the operation has ended).
/// </summary>
public sealed class AppLease : IAsyncDisposable
{
    private readonly AppLockStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly PeriodicTimer _timer;
    private Task _renewing = Task.CompletedTask;
    private DateTimeOffset _expiresAt;

    private AppLease(AppLockStore store, string app, string eventId, TimeSpan duration, TimeProvider time, DateTimeOffset expiresAt)
    {
        _store = store;
        App = app;
        EventId = eventId;
        _duration = duration;
        _time = time;
        _expiresAt = expiresAt;
        _timer = new PeriodicTimer(duration / 3, time);
        Lost = _lost.Token;
    }

    public string App { get; }

    public string EventId { get; }

    /// <summary>Cancelled when the lock is lost.</summary>
    public CancellationToken Lost { get; }

    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Renews the lock once now (so a lock already lost fails here) and then in the background.</summary>
    /// <exception cref="AppLockLostException"><paramref name="eventId"/> does not hold the lock.</exception>
    public static async Task<AppLease> HoldAsync(AppLockStore store, string app, string eventId, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.FromMilliseconds(3));
        if (!await store.RenewAsync(app, eventId, duration, cancellationToken))
        {
            throw new AppLockLostException(app, eventId);
        }

        var lease = new AppLease(store, app, eventId, duration, time, time.GetUtcNow() + duration);
        lease._renewing = lease.RenewLoopAsync();
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timer.Dispose();
        await _renewing;
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewLoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                bool renewed;
                var now = _time.GetUtcNow();
                try
                {
                    renewed = await _store.RenewAsync(App, EventId, _duration, _stop.Token);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // Storage unreachable: the lease still protects us until it runs out; try again next tick.
                    if (now < _expiresAt)
                    {
                        continue;
                    }

                    renewed = false;
                }

                if (!renewed)
                {
                    await _lost.CancelAsync();
                    return;
                }

                _expiresAt = now + _duration;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}
