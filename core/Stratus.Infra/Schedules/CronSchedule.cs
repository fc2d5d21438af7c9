using System.Numerics;

namespace Stratus.Infra.Schedules;

/// <summary>
/// A parsed Quartz cron expression in wall-clock terms: it finds the next matching local date and time, knowing nothing
/// of time zones (<see cref="QuartzCronExpression"/> maps wall-clock times to instants).
/// </summary>
internal sealed class CronSchedule
{
    private readonly CronBits _seconds;
    private readonly CronBits _minutes;
    private readonly CronBits _hours;
    private readonly CronDayRule _dayOfMonth;
    private readonly CronBits _months;
    private readonly CronDayRule _dayOfWeek;
    private readonly CronBits _years;

    public CronSchedule(
        CronBits seconds, CronBits minutes, CronBits hours, CronDayRule dayOfMonth, CronBits months, CronDayRule dayOfWeek, CronBits years)
    {
        _seconds = seconds;
        _minutes = minutes;
        _hours = hours;
        _dayOfMonth = dayOfMonth;
        _months = months;
        _dayOfWeek = dayOfWeek;
        _years = years;
        FiresEveryHour = hours.IsFull;
    }

    /// <summary>
    /// Whether the expression runs in every hour of the day; such schedules also fire in the second pass of an hour
    /// repeated when clocks go back, so an every-5-minutes job keeps its rhythm, while a once-a-day job fires once.
    /// </summary>
    public bool FiresEveryHour { get; }

    /// <summary>
    /// The first wall-clock time at or after <paramref name="start"/> (whole seconds) that matches, or null when none
    /// does up to the end of 2099. Each field jumps straight to its next allowed value and a miss carries into the
    /// field above, so the work is bounded by the months searched, never by seconds; every restart strictly advances the
    /// (year, month, day, hour, minute, second) tuple, so the loop ends.
    /// </summary>
    public DateTime? NextAtOrAfter(DateTime start)
    {
        int year = start.Year, month = start.Month, day = start.Day, hour = start.Hour, minute = start.Minute, second = start.Second;
        while (true)
        {
            var nextYear = _years.Next(year);
            if (nextYear < 0)
            {
                return null;
            }

            if (nextYear != year)
            {
                (year, month, day, hour, minute, second) = (nextYear, 1, 1, 0, 0, 0);
            }

            var nextMonth = _months.Next(month);
            if (nextMonth < 0)
            {
                (year, month, day, hour, minute, second) = (year + 1, 1, 1, 0, 0, 0);
                continue;
            }

            if (nextMonth != month)
            {
                (month, day, hour, minute, second) = (nextMonth, 1, 0, 0, 0);
            }

            // 'day' can be one past the month's end after a carry from the hours; the shift then leaves no days.
            var days = _dayOfMonth.DaysIn(year, month) & _dayOfWeek.DaysIn(year, month) & (ulong.MaxValue << day);
            if (days == 0)
            {
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1);
                (day, hour, minute, second) = (1, 0, 0, 0);
                continue;
            }

            var nextDay = BitOperations.TrailingZeroCount(days);
            if (nextDay != day)
            {
                (day, hour, minute, second) = (nextDay, 0, 0, 0);
            }

            var nextHour = _hours.Next(hour);
            if (nextHour < 0)
            {
                (day, hour, minute, second) = (day + 1, 0, 0, 0);
                continue;
            }

            if (nextHour != hour)
            {
                (hour, minute, second) = (nextHour, 0, 0);
            }

            var nextMinute = _minutes.Next(minute);
            if (nextMinute < 0)
            {
                (hour, minute, second) = (hour + 1, 0, 0);
                continue;
            }

            if (nextMinute != minute)
            {
                (minute, second) = (nextMinute, 0);
            }

            var nextSecond = _seconds.Next(second);
            if (nextSecond < 0)
            {
                (minute, second) = (minute + 1, 0);
                continue;
            }

            return new DateTime(year, month, day, hour, minute, nextSecond, DateTimeKind.Unspecified);
        }
    }
}
