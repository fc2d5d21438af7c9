namespace Stratus.Infra.Schedules;

/// <summary>
/// One position of a Quartz cron expression: its 1-based number and name (problems name both so a user can find the
/// field), its range, and the names it accepts in place of numbers.
/// </summary>
internal sealed class CronFieldInfo
{
    private const int MaxQuoted = 40;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    // Quartz numbers days of the week 1-7 from Sunday, unlike ISO 8601.
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private CronFieldInfo(int number, string name, int min, int max, string[]? valueNames, string allowed, bool wraps)
    {
        Number = number;
        Name = name;
        Min = min;
        Max = max;
        ValueNames = valueNames;
        Allowed = allowed;
        Wraps = wraps;
    }

    public static CronFieldInfo Seconds { get; } = new(1, "seconds", 0, 59, null, "0-59", wraps: true);

    public static CronFieldInfo Minutes { get; } = new(2, "minutes", 0, 59, null, "0-59", wraps: true);

    public static CronFieldInfo Hours { get; } = new(3, "hours", 0, 23, null, "0-23", wraps: true);

    public static CronFieldInfo DayOfMonth { get; } = new(4, "day-of-month", 1, 31, null, "1-31", wraps: true);

    public static CronFieldInfo Month { get; } = new(5, "month", 1, 12, MonthNames, "1-12 or JAN-DEC", wraps: true);

    public static CronFieldInfo DayOfWeek { get; } = new(6, "day-of-week", 1, 7, DayNames, "1-7 (1 = SUN) or SUN-SAT", wraps: true);

    // A range of years that "wraps" would mean going back in time, which Quartz also refuses.
    public static CronFieldInfo Year { get; } = new(7, "year", 1970, 2099, null, "1970-2099", wraps: false);

    public int Number { get; }

    public string Name { get; }

    public int Min { get; }

    public int Max { get; }

    /// <summary>Names accepted in place of numbers (index 0 is <see cref="Min"/>), or null when the field takes numbers only.</summary>
    public IReadOnlyList<string>? ValueNames { get; }

    /// <summary>The allowed values as a user would write them, for problems.</summary>
    public string Allowed { get; }

    /// <summary>Whether a range may run past the end back to the start, as in 'FRI-MON' or hours '22-2'.</summary>
    public bool Wraps { get; }

    public int Span => Max - Min + 1;

    public CronBits NewBits() => new(Min, Max);

    /// <summary>A user-facing problem naming this field and the offending text, followed by the format reminder.</summary>
    public string Problem(string value, string detail) =>
        $"Field {Number} ({Name}) '{Quote(value)}' {detail} {QuartzCronParser.FormatHelp}";

    // Values come from user input of up to 256 characters; keep problems readable.
    internal static string Quote(string value) => value.Length > MaxQuoted ? value[..MaxQuoted] + "…" : value;
}
