using NCrontab;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// A six-field NCrontab schedule (seconds first), evaluated in UTC as the Functions timer trigger does without
/// <c>WEBSITE_TIME_ZONE</c>.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule _cron;

    private TimerSchedule(string expression, CrontabSchedule cron)
    {
        Expression = expression;
        _cron = cron;
    }

    public string Expression { get; }

    /// <exception cref="InvalidOperationException">The expression is not a valid six-field schedule; the message names the function.</exception>
    public static TimerSchedule Parse(string functionName, string expression)
    {
        try
        {
            var cron = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            return new TimerSchedule(expression, cron);
        }
        catch (Exception ex) when (ex is CrontabException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Timer function '{functionName}' has an invalid schedule '{expression}': {ex.Message} "
                + "Use six NCrontab fields, seconds first, for example '0 */5 * * * *'.",
                ex);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="time"/>; <see cref="DateTimeOffset.MaxValue"/> if there is none.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset time)
    {
        var next = _cron.GetNextOccurrence(time.UtcDateTime);
        return next == DateTime.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }
}
