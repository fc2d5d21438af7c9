using System.Globalization;

namespace Stratus.Durable.Storage;

/// <summary>
/// A control-queue message: "instance X has work". A timer's wake-up also carries the time it is for, so one that
/// arrives early (clock skew, or a timer beyond the queue's 7-day limit) re-arms itself for the rest.
/// </summary>
internal sealed record Wakeup(string InstanceId, DateTimeOffset? TimerDueAt)
{
    public string ToText() => TimerDueAt is { } due
        ? $"{InstanceId}\n{due.UtcTicks.ToString(CultureInfo.InvariantCulture)}"
        : InstanceId;

    public static bool TryParse(string text, out Wakeup wakeup)
    {
        var parts = text.Split('\n');
        wakeup = new Wakeup(parts[0], null);
        if (!InstanceIds.IsValid(parts[0]) || parts.Length > 2)
        {
            return false;
        }

        if (parts.Length == 2)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            wakeup = wakeup with { TimerDueAt = new DateTimeOffset(ticks, TimeSpan.Zero) };
        }

        return true;
    }
}
