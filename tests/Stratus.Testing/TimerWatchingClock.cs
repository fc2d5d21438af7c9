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

    /// <summary>Awaits <paramref name="work"/>, moving the clock by <paramref name="step"/> each time it starts a wait.</summary>
    public async Task<T> RunAsync<T>(Task<T> work, TimeSpan step, CancellationToken cancellationToken)
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

            await next;
            next = null;
            Advance(step);
        }
    }
}
