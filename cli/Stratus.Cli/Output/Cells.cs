using System.Globalization;

namespace Stratus.Cli.Output;

/// <summary>How values read in table cells.</summary>
internal static class Cells
{
    public const string None = "-";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : None;

    /// <summary>An expiry or last-use time; none reads "never".</summary>
    public static string TimeOrNever(DateTimeOffset? time) => time is null ? "never" : Time(time);

    /// <summary>"expires 2026-01-01 00:00 UTC", or "never expires".</summary>
    public static string Expiry(DateTimeOffset? time) => time is null ? "never expires" : $"expires {Time(time)}";

    public static string List(IEnumerable<string>? values) => values is null || !values.Any() ? None : string.Join(", ", values);

    public static string Text(string? value) => string.IsNullOrEmpty(value) ? None : value;
}
