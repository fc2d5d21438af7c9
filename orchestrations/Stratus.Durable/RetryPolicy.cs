namespace Stratus.Durable;

/// <summary>
/// How a failed activity or sub-orchestration is retried, as in Durable Functions: up to <see cref="MaxAttempts"/>
/// attempts in total, waiting <see cref="FirstRetryInterval"/> × <see cref="BackoffCoefficient"/>^(n-1) capped by
/// <see cref="MaxRetryInterval"/> between them, giving up when the next attempt would start after
/// <see cref="RetryTimeout"/> from the first. <see cref="Handle"/> chooses which failures are worth retrying.
/// The waits are durable timers, so retries survive restarts.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan firstRetryInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
    }

    public int MaxAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; init; } = 1;

    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Overall limit measured from the first attempt; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Which failures to retry; all by default.</summary>
    public Func<FailureDetails, bool>? Handle { get; init; }

    internal TimeSpan DelayBeforeAttempt(int nextAttempt)
    {
        var factor = Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var ticks = FirstRetryInterval.Ticks * factor;
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
