using System.Threading.Channels;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports the due time of every timer created on it, so a test can see
/// what the listener waits for (a backoff, a renewal) and move the clock exactly that far.
/// </summary>
public sealed class RecordingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Clock => clock;

    public ChannelReader<TimeSpan> TimersCreated => _timers.Reader;

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
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
}
