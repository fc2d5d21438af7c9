namespace Stratus.Infra.Schedules;

/// <summary>
/// A parsed day-of-month or day-of-week field. Both fields answer the same question—which days of a given month
/// match—as a mask, so the search can intersect them and take the lowest day at or after the current one.
/// </summary>
internal sealed class CronDayRule
{
    private const int Saturday = 7;
    private const int Sunday = 1;

    private readonly CronDayRuleKind _kind;

    // Bit d is set for each allowed day-of-month d (1-31) or day-of-week d (1-7, 1 = Sunday).
    private readonly ulong _mask;

    // The day-of-month for NearestWeekday, the offset back from the last day for LastDayOfMonth,
    // or the day-of-week for LastDayOfWeek and NthDayOfWeek.
    private readonly int _value;

    private readonly int _nth;
    private readonly bool _weekdayOnly;

    private CronDayRule(CronDayRuleKind kind, ulong mask = 0, int value = 0, int nth = 0, bool weekdayOnly = false)
    {
        _kind = kind;
        _mask = mask;
        _value = value;
        _nth = nth;
        _weekdayOnly = weekdayOnly;
    }

    public static CronDayRule Any { get; } = new(CronDayRuleKind.Any);

    public CronDayRuleKind Kind => _kind;

    public static CronDayRule DaysOfMonth(CronBits days) => new(CronDayRuleKind.DaysOfMonth, mask: days.ToMask());

    public static CronDayRule LastDayOfMonth(int offset, bool nearestWeekday) =>
        new(CronDayRuleKind.LastDayOfMonth, value: offset, weekdayOnly: nearestWeekday);

    public static CronDayRule NearestWeekday(int day) => new(CronDayRuleKind.NearestWeekday, value: day);

    public static CronDayRule DaysOfWeek(CronBits days) => new(CronDayRuleKind.DaysOfWeek, mask: days.ToMask());

    public static CronDayRule LastDayOfWeek(int dayOfWeek) => new(CronDayRuleKind.LastDayOfWeek, value: dayOfWeek);

    public static CronDayRule NthDayOfWeek(int dayOfWeek, int nth) => new(CronDayRuleKind.NthDayOfWeek, value: dayOfWeek, nth: nth);

    /// <summary>The days of the month that match, as a mask with bit d set for day d (bit 0 is never set).</summary>
    public ulong DaysIn(int year, int month)
    {
        var lastDay = DateTime.DaysInMonth(year, month);
        var monthDays = ((1UL << (lastDay + 1)) - 1) & ~1UL;
        return _kind switch
        {
            CronDayRuleKind.Any => monthDays,
            CronDayRuleKind.DaysOfMonth => _mask & monthDays,
            CronDayRuleKind.LastDayOfMonth => LastDayOfMonthIn(year, month, lastDay),
            CronDayRuleKind.NearestWeekday => _value <= lastDay ? DayBit(NearestWeekdayTo(year, month, _value, lastDay)) : 0,
            CronDayRuleKind.DaysOfWeek => DaysOfWeekIn(year, month, lastDay),
            CronDayRuleKind.LastDayOfWeek => DayBit(lastDay - Modulo(DayOfWeekOf(year, month, lastDay) - _value, 7)),
            CronDayRuleKind.NthDayOfWeek => NthDayOfWeekIn(year, month, lastDay),
            _ => throw new InvalidOperationException($"Unknown day rule {_kind}."),
        };
    }

    private ulong LastDayOfMonthIn(int year, int month, int lastDay)
    {
        // 'L-30' in a 28-day February points before the month starts: that month has no such day.
        var day = lastDay - _value;
        if (day < 1)
        {
            return 0;
        }

        return DayBit(_weekdayOnly ? NearestWeekdayTo(year, month, day, lastDay) : day);
    }

    private ulong DaysOfWeekIn(int year, int month, int lastDay)
    {
        var first = DayOfWeekOf(year, month, 1);
        var days = 0UL;
        for (var day = 1; day <= lastDay; day++)
        {
            if ((_mask & (1UL << (Modulo(first - 1 + day - 1, 7) + 1))) != 0)
            {
                days |= 1UL << day;
            }
        }

        return days;
    }

    private ulong NthDayOfWeekIn(int year, int month, int lastDay)
    {
        // A fifth Friday exists only in some months; the others simply have no match.
        var firstMatch = 1 + Modulo(_value - DayOfWeekOf(year, month, 1), 7);
        var day = firstMatch + (7 * (_nth - 1));
        return day <= lastDay ? DayBit(day) : 0;
    }

    /// <summary>
    /// Quartz's 'W': a Saturday moves back to Friday and a Sunday forward to Monday, except that the result never leaves
    /// the month—Saturday the 1st moves forward to Monday the 3rd and a Sunday that ends the month back to Friday.
    /// </summary>
    private static int NearestWeekdayTo(int year, int month, int day, int lastDay)
    {
        var dayOfWeek = DayOfWeekOf(year, month, day);
        if (dayOfWeek == Saturday)
        {
            return day == 1 ? 3 : day - 1;
        }

        if (dayOfWeek == Sunday)
        {
            return day == lastDay ? day - 2 : day + 1;
        }

        return day;
    }

    private static int DayOfWeekOf(int year, int month, int day) => (int)new DateTime(year, month, day).DayOfWeek + 1;

    private static int Modulo(int value, int divisor) => ((value % divisor) + divisor) % divisor;

    private static ulong DayBit(int day) => 1UL << day;
}
