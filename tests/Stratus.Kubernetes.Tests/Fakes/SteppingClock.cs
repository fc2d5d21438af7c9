using System.Collections.Concurrent;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that signals every timer the code under test creates, so a test moves time exactly
/// when the code sets a deadline (straight to it) instead of racing it with real sleeps.
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    private readonly FakeTimeProvider _inner = new();
    private readonly ConcurrentQueue<TimeSpan> _timers = new();
    private readonly SemaphoreSlim _created = new(0);

    // One outstanding wait across calls: an abandoned WaitAsync would swallow the next timer's signal.
    private Task? _pending;

    public DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Elapsed => _inner.GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        _timers.Enqueue(dueTime);
        _created.Release();
        return timer;
    }

    /// <summary>
    /// Awaits <paramref name="work"/>, moving the clock to each timer's due time as the code creates it (only timers
    /// <paramref name="which"/> accepts, when given).
    /// </summary>
    public async Task<T> RunToDeadlinesAsync<T>(Task<T> work, CancellationToken cancellationToken, Func<TimeSpan, bool>? which = null)
    {
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        while (true)
        {
            _pending ??= _created.WaitAsync(CancellationToken.None);
            var finished = await Task.WhenAny(work, _pending, cancelled);
            if (finished == work)
            {
                return await work;
            }

            cancellationToken.ThrowIfCancellationRequested();
            _pending = null;
            if (_timers.TryDequeue(out var due) && due > TimeSpan.Zero && due != Timeout.InfiniteTimeSpan && which?.Invoke(due) != false)
            {
                _inner.Advance(due);
            }
        }
    }
}
