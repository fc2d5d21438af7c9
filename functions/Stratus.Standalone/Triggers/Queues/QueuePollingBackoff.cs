namespace Stratus.Standalone.Triggers.Queues;

/// <summary>
/// The wait after an empty poll, as the Functions host's randomized exponential backoff: the minimum plus a doubling
/// step with ±20 % jitter, capped at the maximum. The jitter keeps several instances from polling in lock-step.
/// </summary>
internal sealed class QueuePollingBackoff
{
    private const double RandomizationFactor = 0.2;

    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;
    private TimeSpan _current;
    private int _exponent;

    public QueuePollingBackoff(TimeSpan minimum, TimeSpan maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minimum, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        _minimum = minimum;
        _maximum = maximum;
        _current = minimum;
    }

    public TimeSpan Next()
    {
        if (_current < _maximum)
        {
            var jitter = 1 + (((Random.Shared.NextDouble() * 2) - 1) * RandomizationFactor);
            var next = _minimum + (_minimum * (Math.Pow(2, _exponent) * jitter));
            if (next < _maximum)
            {
                _current = next;
                _exponent++;
            }
            else
            {
                _current = _maximum;
            }
        }

        return _current;
    }

    public void Reset()
    {
        _current = _minimum;
        _exponent = 0;
    }
}
