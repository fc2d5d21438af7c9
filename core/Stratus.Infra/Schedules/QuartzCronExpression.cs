using System.Diagnostics.CodeAnalysis;

namespace Stratus.Infra.Schedules;

/// <summary>
/// A Quartz-format cron expression, the dialect Terrakube uses for workspace schedules: 6 or 7 space-separated fields,
/// <c>seconds minutes hours day-of-month month day-of-week [year]</c>, e.g. <c>0 0/5 * ? * * *</c>.
/// </summary>
/// <remarks>
/// <para>
/// Fields take numbers, ranges (<c>a-b</c>, which may wrap, as in <c>FRI-MON</c>), lists (<c>a,b</c>), increments
/// (<c>a/n</c>, <c>*/n</c>, <c>a-b/n</c>) and <c>*</c>; months also take JAN-DEC and days of the week SUN-SAT (1 = SUN),
/// in any case. Exactly one of day-of-month and day-of-week is <c>?</c>. Day-of-month also takes <c>L</c> (last day),
/// <c>L-3</c>, <c>LW</c> (last weekday), <c>15W</c> (weekday nearest the 15th, never leaving the month); day-of-week
/// also takes <c>L</c> (Saturday), <c>6L</c> (last Friday) and <c>6#3</c> (third Friday). Years run 1970-2099.
/// </para>
/// <para>
/// Days that a month lacks never match: <c>31</c>, <c>31W</c> and <c>6#5</c> skip months without them, and
/// <c>L-30</c> skips February. An expression that can never match (e.g. <c>0 0 0 30 2 ?</c>) parses, and simply has
/// no next occurrence.
/// </para>
/// </remarks>
public sealed class QuartzCronExpression
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxLength = QuartzCronParser.MaxLength;

    // Schedules match 1970-2099 in wall-clock time and no zone is more than 14 hours from UTC, so searches from outside
    // these instants either start at the floor or have nothing to find.
    private static readonly DateTime SearchFloorUtc = new(1969, 12, 30, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SearchCeilingUtc = new(2100, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan OffsetReach = TimeSpan.FromHours(14);

    private readonly CronSchedule _schedule;

    private QuartzCronExpression(string text, CronSchedule schedule)
    {
        Text = text;
        _schedule = schedule;
    }

    /// <summary>The expression as given, trimmed, with its fields separated by single spaces.</summary>
    public string Text { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; on failure <paramref name="problem"/> says, for a user, which field and value are
    /// wrong and how the format goes.
    /// </summary>
    public static bool TryParse(
        string? text, [NotNullWhen(true)] out QuartzCronExpression? expression, [NotNullWhen(false)] out string? problem)
    {
        if (QuartzCronParser.TryParse(text, out var schedule, out var normalized, out problem))
        {
            expression = new QuartzCronExpression(normalized, schedule);
            return true;
        }

        expression = null;
        return false;
    }

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> whose message is the problem.</summary>
    public static QuartzCronExpression Parse(string text) =>
        TryParse(text, out var expression, out var problem) ? expression : throw new FormatException(problem);

    /// <summary>
    /// The first time strictly after <paramref name="after"/> that the expression matches in <paramref name="zone"/>
    /// (UTC when null), with that zone's offset at that time; null when there is none (e.g. its years have passed, or it
    /// names a day that never comes, such as 30 February). Results are whole seconds, so an <paramref name="after"/> with a
    /// fraction of a second can be followed by the next whole second.
    /// </summary>
    /// <remarks>
    /// Fields are matched against wall-clock time in <paramref name="zone"/>. Across daylight-saving changes:
    /// <list type="bullet">
    /// <item>Spring forward: a matching time that the clocks skip fires at the instant the gap ends (e.g. 02:30 fires at
    /// 03:00), so a daily job is never lost; several skipped matches collapse into that one firing.</item>
    /// <item>Fall back: a matching time that occurs twice fires at its first occurrence only, so a daily job runs once—unless
    /// the hours field allows every hour (<c>*</c>), in which case it fires in both passes, so an every-5-minutes job keeps
    /// running through the repeated hour.</item>
    /// </list>
    /// </remarks>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var afterUtc = after.UtcDateTime;
        if (afterUtc >= SearchCeilingUtc)
        {
            return null;
        }

        if (afterUtc < SearchFloorUtc)
        {
            // Every match is later than the floor, so searching from it keeps results strictly after the original instant
            // while keeping zone conversions away from DateTime.MinValue.
            afterUtc = SearchFloorUtc;
            after = new DateTimeOffset(afterUtc);
        }

        // Whole seconds throughout: matches are whole seconds, and so are the transitions found by probing from here.
        var wallTicks = TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone).Ticks;
        var wall = new DateTime(wallTicks - (wallTicks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
        var cursor = wall + OneSecond;

        if (_schedule.FiresEveryHour
            && OffsetsOf(zone, wall) is ({ } earlier, { } later, _, _)
            && zone.GetUtcOffset(afterUtc) == earlier)
        {
            // The first pass of a repeated hour: its second pass comes before any later wall-clock time, so look there
            // before moving on.
            var (repeatStart, repeatEnd) = RepeatedRun(zone, wall, earlier, later);
            if (_schedule.NextAtOrAfter(cursor) is { } inFirstPass && inFirstPass < repeatEnd)
            {
                return new DateTimeOffset(inFirstPass, earlier);
            }

            if (_schedule.NextAtOrAfter(repeatStart) is { } inSecondPass && inSecondPass < repeatEnd)
            {
                return new DateTimeOffset(inSecondPass, later);
            }

            cursor = repeatEnd;
        }

        // Each pass moves the cursor strictly forward and the schedule stops at 2099, so this ends.
        while (_schedule.NextAtOrAfter(cursor) is { } match)
        {
            var (first, second, offsetBefore, offsetAfter) = OffsetsOf(zone, match);
            if (first is not { } firstOffset)
            {
                // Skipped when the clocks went forward: fire at the instant the gap ends.
                var gapEnd = TransitionInstant(zone, Utc(match) - offsetAfter, Utc(match) - offsetBefore, offsetAfter);
                var atGapEnd = new DateTimeOffset(gapEnd).ToOffset(offsetAfter);
                if (atGapEnd > after)
                {
                    return atGapEnd;
                }

                cursor = DateTime.SpecifyKind(gapEnd + offsetAfter, DateTimeKind.Unspecified);
                continue;
            }

            var occurrence = new DateTimeOffset(match, firstOffset);
            if (occurrence > after)
            {
                return occurrence;
            }

            cursor = match + OneSecond;
            if (second is { } secondOffset)
            {
                // Searching from the second pass of a repeated hour, whose first occurrences are already past.
                var repeated = new DateTimeOffset(match, secondOffset);
                if (_schedule.FiresEveryHour && repeated > after)
                {
                    return repeated;
                }

                if (!_schedule.FiresEveryHour)
                {
                    cursor = RepeatedRun(zone, match, firstOffset, secondOffset).End;
                }
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>
    /// The offsets with which <paramref name="wall"/> is a real time in <paramref name="zone"/>: none when the clocks
    /// skipped it, two when they repeated it (the larger, earlier one first), else one; and the offsets in force just
    /// before and after. Only instant-to-offset lookups are used: they are what zone data defines, whereas .NET's
    /// wall-clock queries (IsInvalidTime and friends) misreport some transitions, such as Samoa skipping 30 December 2011.
    /// </summary>
    private static (TimeSpan? First, TimeSpan? Second, TimeSpan Before, TimeSpan After) OffsetsOf(TimeZoneInfo zone, DateTime wall)
    {
        // Any instant whose wall-clock time is 'wall' lies within 14 hours of it read as UTC (offsets run -12h to +14h),
        // so the offsets in force at either end of that window are the only candidates.
        var asUtc = Utc(wall);
        var before = zone.GetUtcOffset(asUtc - OffsetReach);
        var after = zone.GetUtcOffset(asUtc + OffsetReach);
        var (larger, smaller) = before >= after ? (before, after) : (after, before);
        var largerFits = zone.GetUtcOffset(asUtc - larger) == larger;
        var smallerFits = smaller != larger && zone.GetUtcOffset(asUtc - smaller) == smaller;
        return (largerFits, smallerFits) switch
        {
            (true, true) => (larger, smaller, before, after),
            (true, false) => (larger, null, before, after),
            (false, true) => (smaller, null, before, after),
            _ => (null, null, before, after),
        };
    }

    /// <summary>The wall-clock span [start, end) that the clocks went through twice, given one time in it.</summary>
    private static (DateTime Start, DateTime End) RepeatedRun(TimeZoneInfo zone, DateTime wall, TimeSpan earlier, TimeSpan later)
    {
        var transition = TransitionInstant(zone, Utc(wall) - earlier, Utc(wall) - later, later);
        return (DateTime.SpecifyKind(transition + later, DateTimeKind.Unspecified), DateTime.SpecifyKind(transition + earlier, DateTimeKind.Unspecified));
    }

    /// <summary>
    /// The first whole-second instant in (<paramref name="lowUtc"/>, <paramref name="highUtc"/>] at which the zone's offset
    /// is <paramref name="offset"/>, given it is not at the low end and is at the high end.
    /// </summary>
    private static DateTime TransitionInstant(TimeZoneInfo zone, DateTime lowUtc, DateTime highUtc, TimeSpan offset)
    {
        while (highUtc - lowUtc > OneSecond)
        {
            var middle = lowUtc + TimeSpan.FromSeconds(Math.Floor((highUtc - lowUtc).TotalSeconds / 2));
            (lowUtc, highUtc) = zone.GetUtcOffset(middle) == offset ? (lowUtc, middle) : (middle, highUtc);
        }

        return highUtc;
    }

    private static DateTime Utc(DateTime wall) => DateTime.SpecifyKind(wall, DateTimeKind.Utc);
}
