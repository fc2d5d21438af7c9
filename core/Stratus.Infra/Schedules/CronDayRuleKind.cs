namespace Stratus.Infra.Schedules;

/// <summary>The shapes a Quartz day-of-month or day-of-week field can take.</summary>
internal enum CronDayRuleKind
{
    /// <summary>'?': the field does not restrict the day; the other day field does.</summary>
    Any,

    /// <summary>Day-of-month numbers, ranges, lists and increments.</summary>
    DaysOfMonth,

    /// <summary>'L', 'L-3', 'LW', 'L-3W': the last day of the month, optionally offset and moved to a weekday.</summary>
    LastDayOfMonth,

    /// <summary>'15W': the weekday nearest to a day of the month, without leaving the month.</summary>
    NearestWeekday,

    /// <summary>Day-of-week numbers or names, ranges, lists and increments ('L' alone is Saturday).</summary>
    DaysOfWeek,

    /// <summary>'6L': the last given day of the week in the month.</summary>
    LastDayOfWeek,

    /// <summary>'6#3': the nth given day of the week in the month.</summary>
    NthDayOfWeek,
}
