namespace Stratus.Durable.Worker;

/// <summary>Polls again at once while messages flow; doubles the wait while idle, up to the configured maximum.</summary>
internal sealed class PollingBackoff(TimeSpan max)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(5);
    private TimeSpan _next = Min;

    public TimeSpan Next()
    {
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        return current;
    }

    public void Reset() => _next = Min;
}
