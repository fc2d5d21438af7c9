using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that signals every timer the code under test creates, so a test moves time exactly
/// when the code waits (one poll at a time) instead of racing it with real sleeps.
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    private readonly FakeTimeProvider _inner = new();
    private readonly SemaphoreSlim _timers = new(0);

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
        _timers.Release();
        return timer;
    }

    /// <summary>Awaits <paramref name="work"/>, advancing the clock by <paramref name="step"/> each time it starts waiting.</summary>
    public async Task<T> RunAsync<T>(Task<T> work, TimeSpan step, CancellationToken cancellationToken)
    {
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        while (true)
        {
            _pending ??= _timers.WaitAsync(CancellationToken.None);
            var finished = await Task.WhenAny(work, _pending, cancelled);
            if (finished == work)
            {
                return await work;
            }

            cancellationToken.ThrowIfCancellationRequested();
            _pending = null;
            _inner.Advance(step);
        }
    }
}
