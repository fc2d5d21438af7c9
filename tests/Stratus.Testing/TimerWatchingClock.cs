using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Testing;

/// <summary>
/// The fake clock that also tells the test when the code under test starts waiting (creates a timer) and for how long,
/// so the test moves time exactly when and as far as the code waits, instead of racing it with real sleeps.
/// </summary>
public sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due time of every timer created on this clock, in order.</summary>
    public ChannelReader<TimeSpan> TimersCreated => _timers.Reader;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for the next timer due exactly <paramref name="dueTime"/> after its creation.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        while (await _timers.Reader.ReadAsync(cancellationToken) != dueTime)
        {
        }
    }

    /// <summary>How far the test has moved the clock since <see cref="FakeTimeProvider.Start"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    /// <summary>
    /// Awaits <paramref name="work"/>, moving the clock to each timer's due time as the code creates it (only timers
    /// <paramref name="which"/> accepts, when given), so deadlines pass at once and nothing else does.
    /// </summary>
    public async Task<T> RunToDeadlinesAsync<T>(Task<T> work, CancellationToken cancellationToken, Func<TimeSpan, bool>? which = null)
    {
        // One outstanding read across turns: an abandoned read would swallow the next timer's signal.
        Task<TimeSpan>? next = null;
        while (true)
        {
            next ??= _timers.Reader.ReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(work, next) == work)
            {
                return await work;
            }

            var due = await next;
            next = null;
            if (due > TimeSpan.Zero && due != Timeout.InfiniteTimeSpan && which?.Invoke(due) != false)
            {
                Advance(due);
            }
        }
    }
}
