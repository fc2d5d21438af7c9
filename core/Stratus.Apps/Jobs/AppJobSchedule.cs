using NCrontab;

namespace Stratus.Apps.Jobs;

/// <summary>
/// A job's schedule in Kubernetes CronJob's syntax (what Tsuru accepts): five fields, minute first, evaluated in UTC,
/// or one of the macros <c>@yearly @annually @monthly @weekly @daily @midnight @hourly</c>. Parsed with NCrontab, the
/// library the timer triggers use.
/// </summary>
public static class AppJobSchedule
{
    public const int MaxLength = 256;

    /// <summary>The schedule a manual job's CronJob carries, as in Tsuru: 31 February never comes.</summary>
    public const string Never = "* * 31 2 *";

    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly CrontabSchedule.ParseOptions FiveFields = new() { IncludingSeconds = false };

    /// <returns>What to fix in the <c>schedule</c> field, or <c>null</c>.</returns>
    public static string? Problem(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "'schedule' is required unless the job is manual: five cron fields, minute first, in UTC (e.g. '*/5 * * * *'), or set 'manual': true.";
        }

        if (schedule.Length > MaxLength || Parse(schedule) is null)
        {
            return $"'schedule' '{(schedule.Length > 60 ? schedule[..60] + "…" : schedule)}' is not a valid cron expression: use five fields (minute hour day-of-month month day-of-week), e.g. '0 3 * * *' for 03:00 UTC daily, or @hourly/@daily/@weekly/@monthly/@yearly.";
        }

        return null;
    }

    /// <summary>The first firing strictly after <paramref name="after"/> (whole minutes, UTC), or <c>null</c> for an invalid schedule or none within five years.</summary>
    public static DateTimeOffset? NextAfter(string schedule, DateTimeOffset after)
    {
        if (Parse(schedule) is not { } cron)
        {
            return null;
        }

        // NCrontab answers the end of the window when nothing matches in it (e.g. 31 February): that is "never".
        var utc = after.UtcDateTime;
        var end = utc.AddYears(5);
        var next = cron.GetNextOccurrence(utc, end);
        return next < end ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null;
    }

    private static CrontabSchedule? Parse(string schedule)
    {
        var text = schedule.Trim();
        return CrontabSchedule.TryParse(Macros.GetValueOrDefault(text, text), FiveFields);
    }
}
