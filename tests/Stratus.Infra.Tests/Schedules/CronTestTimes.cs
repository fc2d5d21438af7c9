using System.Globalization;
using Stratus.Infra.Schedules;

namespace Stratus.Infra.Tests.Schedules;

/// <summary>Shared helpers: instants written as ISO 8601 text keep the theories readable.</summary>
internal static class CronTestTimes
{
    /// <summary>
    /// A fixed-rule zone shaped like US Eastern time since 2007 (clocks go forward 02:00→03:00 on the second Sunday of
    /// March and back 02:00→01:00 on the first Sunday of November), so DST tests do not depend on the machine's tz data.
    /// </summary>
    public static TimeZoneInfo Eastern { get; } = TimeZoneInfo.CreateCustomTimeZone(
        "Test/Eastern",
        TimeSpan.FromHours(-5),
        "Test Eastern",
        "Test Eastern Standard",
        "Test Eastern Daylight",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(2007, 1, 1),
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday)),
        ]);

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateTimeOffset? Next(string expression, string after, TimeZoneInfo? zone = null) =>
        QuartzCronExpression.Parse(expression).GetNextOccurrence(At(after), zone);

    /// <summary>The next <paramref name="count"/> occurrences, each searched from the one before.</summary>
    public static List<DateTimeOffset> Occurrences(string expression, string after, int count, TimeZoneInfo? zone = null)
    {
        var cron = QuartzCronExpression.Parse(expression);
        var results = new List<DateTimeOffset>(count);
        var cursor = At(after);
        for (var i = 0; i < count; i++)
        {
            var next = cron.GetNextOccurrence(cursor, zone);
            if (next is null)
            {
                break;
            }

            results.Add(next.Value);
            cursor = next.Value;
        }

        return results;
    }
}
