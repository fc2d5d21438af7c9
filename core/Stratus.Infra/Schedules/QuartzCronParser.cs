using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Stratus.Infra.Schedules;

/// <summary>
/// Parses Quartz cron text (the CronExpression dialect Terrakube schedules use) into a <see cref="CronSchedule"/>, or
/// explains, naming the field and value, why it cannot. Quartz's own restrictions are kept so an expression accepted here
/// means the same thing to a Quartz-based tool: exactly one day field is '?', and 'L', 'W' and '#' stand alone.
/// </summary>
internal static class QuartzCronParser
{
    public const int MaxLength = 256;

    public const string FormatHelp =
        "A Quartz cron has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0/5 * ? * * *'; "
        + "exactly one of day-of-month and day-of-week must be '?'.";

    // Longest number worth parsing: anything longer is out of every field's range anyway, and this keeps int.Parse safe.
    private const int MaxDigits = 4;

    // Quartz accepts 'L-0' through 'L-30'.
    private const int MaxLastDayOffset = 30;

    private const int MaxNth = 5;

    private static readonly char[] ListOrRangeMarks = [',', '-', '/', '*'];

    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out CronSchedule? schedule,
        [NotNullWhen(true)] out string? normalized,
        [NotNullWhen(false)] out string? problem)
    {
        schedule = null;
        normalized = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The cron expression is empty. " + FormatHelp;
            return false;
        }

        if (text.Length > MaxLength)
        {
            problem = $"The cron expression is {text.Length} characters long; the limit is {MaxLength}. {FormatHelp}";
            return false;
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 6 or > 7)
        {
            problem = $"The cron expression '{CronFieldInfo.Quote(text.Trim())}' has {parts.Length} field{(parts.Length == 1 ? "" : "s")}, not 6 or 7. {FormatHelp}";
            return false;
        }

        var yearText = parts.Length == 7 ? parts[6] : "*";
        // Fields are checked in order so the problem names the first wrong one.
        CronBits? seconds = null, minutes = null, hours = null, months = null, years = null;
        CronDayRule? dayOfMonth = null, dayOfWeek = null;
        problem = ParsePlain(CronFieldInfo.Seconds, parts[0], out seconds);
        problem ??= ParsePlain(CronFieldInfo.Minutes, parts[1], out minutes);
        problem ??= ParsePlain(CronFieldInfo.Hours, parts[2], out hours);
        problem ??= ParseDayOfMonth(parts[3], out dayOfMonth);
        problem ??= ParsePlain(CronFieldInfo.Month, parts[4], out months);
        problem ??= ParseDayOfWeek(parts[5], out dayOfWeek);
        problem ??= ParsePlain(CronFieldInfo.Year, yearText, out years);
        if (problem is not null)
        {
            return false;
        }

        var dayOfMonthIsAny = dayOfMonth!.Kind == CronDayRuleKind.Any;
        var dayOfWeekIsAny = dayOfWeek!.Kind == CronDayRuleKind.Any;
        if (dayOfMonthIsAny && dayOfWeekIsAny)
        {
            problem = "Fields 4 (day-of-month) and 6 (day-of-week) are both '?'; exactly one of them must be '?', "
                + $"the other says which days, e.g. '*' for every day. {FormatHelp}";
            return false;
        }

        if (!dayOfMonthIsAny && !dayOfWeekIsAny)
        {
            // Quartz: "support for specifying both a day-of-week and a day-of-month value is not complete".
            problem = $"Fields 4 (day-of-month) '{CronFieldInfo.Quote(parts[3])}' and 6 (day-of-week) '{CronFieldInfo.Quote(parts[5])}' "
                + $"are both set; Quartz cannot combine them, so one must be '?'. {FormatHelp}";
            return false;
        }

        schedule = new CronSchedule(seconds!, minutes!, hours!, dayOfMonth, months!, dayOfWeek, years!);
        normalized = string.Join(' ', parts);
        return true;
    }

    private static string? ParsePlain(CronFieldInfo field, string text, out CronBits? bits)
    {
        bits = null;
        if (text.Contains('?', StringComparison.Ordinal))
        {
            return field.Problem(text, "uses '?', which is only allowed in day-of-month or day-of-week.");
        }

        bits = field.NewBits();
        return ParseList(field, text, bits);
    }

    private static string? ParseDayOfMonth(string text, out CronDayRule? rule)
    {
        var field = CronFieldInfo.DayOfMonth;
        rule = null;
        if (text == "?")
        {
            rule = CronDayRule.Any;
            return null;
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            return field.Problem(text, "mixes '?' with other values; '?' must stand alone.");
        }

        if (Is(text[0], 'L'))
        {
            return ParseLastDayOfMonth(field, text, out rule);
        }

        if (Is(text[^1], 'W') && text.Length > 1)
        {
            var dayText = text[..^1];
            if (dayText.IndexOfAny(ListOrRangeMarks) >= 0 || dayText.Contains('L', StringComparison.OrdinalIgnoreCase))
            {
                return field.Problem(text, "is not a valid 'W' value; 'W' follows a single day, as in '15W' (weekday nearest the 15th), or 'L' as in 'LW'.");
            }

            var problem = ParseValue(field, text, dayText, out var day);
            if (problem is null)
            {
                rule = CronDayRule.NearestWeekday(day);
            }

            return problem;
        }

        if (text.Contains('L', StringComparison.OrdinalIgnoreCase) || text.Contains('W', StringComparison.OrdinalIgnoreCase))
        {
            return field.Problem(text, "uses 'L' or 'W' with other values; they stand alone, as in 'L', 'L-3', 'LW' or '15W'.");
        }

        var days = field.NewBits();
        var listProblem = ParseList(field, text, days);
        if (listProblem is null)
        {
            rule = CronDayRule.DaysOfMonth(days);
        }

        return listProblem;
    }

    private static string? ParseLastDayOfMonth(CronFieldInfo field, string text, out CronDayRule? rule)
    {
        rule = null;
        var rest = text[1..];
        var nearestWeekday = rest.Length > 0 && Is(rest[^1], 'W');
        if (nearestWeekday)
        {
            rest = rest[..^1];
        }

        var offset = 0;
        if (rest.Length > 0)
        {
            var offsetText = rest[1..];
            if (rest[0] != '-' || offsetText.Length is 0 or > MaxDigits || !offsetText.All(char.IsAsciiDigit))
            {
                return field.Problem(text, "is not a valid 'L' value; use 'L' (last day), 'L-3' (third-to-last day), 'LW' or 'L-3W' (nearest weekday), alone.");
            }

            offset = int.Parse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture);
            if (offset > MaxLastDayOffset)
            {
                return field.Problem(text, $"has an offset of {offset} days; 'L-n' takes 0-{MaxLastDayOffset}.");
            }
        }

        rule = CronDayRule.LastDayOfMonth(offset, nearestWeekday);
        return null;
    }

    private static string? ParseDayOfWeek(string text, out CronDayRule? rule)
    {
        var field = CronFieldInfo.DayOfWeek;
        rule = null;
        if (text == "?")
        {
            rule = CronDayRule.Any;
            return null;
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            return field.Problem(text, "mixes '?' with other values; '?' must stand alone.");
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            return ParseNthDayOfWeek(field, text, hash, out rule);
        }

        // 'L' alone in day-of-week is Quartz's spelling of Saturday, the last day of its week.
        if (text.Equals("L", StringComparison.OrdinalIgnoreCase))
        {
            var saturday = field.NewBits();
            saturday.Add(field.Max);
            rule = CronDayRule.DaysOfWeek(saturday);
            return null;
        }

        if (Is(text[^1], 'L'))
        {
            var dayText = text[..^1];
            if (dayText.IndexOfAny(ListOrRangeMarks) >= 0)
            {
                return field.Problem(text, "uses 'L' with a list, range or increment; 'L' follows a single day, as in '6L' (last Friday).");
            }

            var problem = ParseValue(field, text, dayText, out var dayOfWeek);
            if (problem is null)
            {
                rule = CronDayRule.LastDayOfWeek(dayOfWeek);
            }

            return problem;
        }

        if (text.Contains('L', StringComparison.OrdinalIgnoreCase))
        {
            return field.Problem(text, "uses 'L' with other values; it stands alone, as in 'L' (Saturday) or '6L' (last Friday).");
        }

        var days = field.NewBits();
        var listProblem = ParseList(field, text, days);
        if (listProblem is null)
        {
            rule = CronDayRule.DaysOfWeek(days);
        }

        return listProblem;
    }

    private static string? ParseNthDayOfWeek(CronFieldInfo field, string text, int hash, out CronDayRule? rule)
    {
        rule = null;
        var dayText = text[..hash];
        var nthText = text[(hash + 1)..];
        if (dayText.IndexOfAny(ListOrRangeMarks) >= 0 || nthText.IndexOfAny(ListOrRangeMarks) >= 0)
        {
            return field.Problem(text, "uses '#' with a list, range or increment; '#' stands alone, as in '6#3' (third Friday).");
        }

        var problem = ParseValue(field, text, dayText, out var dayOfWeek);
        if (problem is not null)
        {
            return problem;
        }

        if (nthText.Length is not 1 || nthText[0] is < '1' or > '5')
        {
            return field.Problem(text, $"needs a week number 1-{MaxNth} after '#', as in '6#3' (third Friday of the month).");
        }

        rule = CronDayRule.NthDayOfWeek(dayOfWeek, nthText[0] - '0');
        return null;
    }

    /// <summary>Items separated by ',': '*', 'a', 'a-b', with an optional '/step'; 'a/step' runs from a to the field's end.</summary>
    private static string? ParseList(CronFieldInfo field, string text, CronBits bits)
    {
        foreach (var item in text.Split(','))
        {
            var problem = item.Length == 0
                ? field.Problem(text, "has an empty item in its list; separate values with single commas, as in '1,15,30'.")
                : ParseItem(field, item, bits);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ParseItem(CronFieldInfo field, string item, CronBits bits)
    {
        var rangeText = item;
        var step = 1;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rangeText = item[..slash];
            var stepText = item[(slash + 1)..];
            if (stepText.Length is 0 or > MaxDigits || !stepText.All(char.IsAsciiDigit))
            {
                return field.Problem(item, $"has an invalid increment '{CronFieldInfo.Quote(stepText)}'; after '/' put a number from 1 to {field.Span}, as in '0/15'.");
            }

            step = int.Parse(stepText, NumberStyles.None, CultureInfo.InvariantCulture);
            if (step < 1 || step > field.Span)
            {
                return field.Problem(item, $"has an invalid increment '{stepText}'; after '/' put a number from 1 to {field.Span}, as in '0/15'.");
            }
        }

        int start, end;
        if (rangeText == "*")
        {
            (start, end) = (field.Min, field.Max);
        }
        else
        {
            var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
            var startText = dash >= 0 ? rangeText[..dash] : rangeText;
            var problem = ParseValue(field, item, startText, out start);
            if (problem is not null)
            {
                return problem;
            }

            end = start;
            if (dash >= 0)
            {
                problem = ParseValue(field, item, rangeText[(dash + 1)..], out end);
                if (problem is not null)
                {
                    return problem;
                }
            }
            else if (slash >= 0)
            {
                end = field.Max;
            }
        }

        if (end < start)
        {
            if (!field.Wraps)
            {
                return field.Problem(item, "is a range that runs backwards; put the earlier value first.");
            }

            // Quartz reads 'FRI-MON' or hours '22-2' as running past the end of the field and round to the start.
            end += field.Span;
        }

        for (var value = start; value <= end; value += step)
        {
            bits.Add(field.Min + ((value - field.Min) % field.Span));
        }

        return null;
    }

    private static string? ParseValue(CronFieldInfo field, string item, string token, out int value)
    {
        value = 0;
        if (token.Length == 0)
        {
            return field.Problem(item, $"is missing a value; use {field.Allowed}.");
        }

        if (token.All(char.IsAsciiDigit))
        {
            if (token.Length > MaxDigits)
            {
                return field.Problem(token, $"is out of range {field.Min}-{field.Max}.");
            }

            value = int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
            return value < field.Min || value > field.Max ? field.Problem(token, $"is out of range {field.Min}-{field.Max}.") : null;
        }

        if (field.ValueNames is { } names)
        {
            for (var index = 0; index < names.Count; index++)
            {
                if (names[index].Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    value = field.Min + index;
                    return null;
                }
            }
        }

        return field.Problem(token, $"is not a valid value; use {field.Allowed}.");
    }

    // Names and the letters L and W are case-insensitive, as in Quartz; matching them in place, rather than upper-casing
    // the text first, lets problems quote the text as the user wrote it.
    private static bool Is(char c, char upperLetter) => c == upperLetter || c == char.ToLowerInvariant(upperLetter);
}
