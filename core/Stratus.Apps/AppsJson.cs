using System.Text.Json;

namespace Stratus.Apps;

/// <summary>Small collections (tags, options, processes) stored as one JSON string property of a row.</summary>
internal static class AppsJson
{
    public static string? Write<T>(T? value)
        where T : class => value is null ? null : JsonSerializer.Serialize(value);

    public static Dictionary<string, string> ReadStrings(string? json) =>
        string.IsNullOrEmpty(json) ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.Ordinal);

    public static Dictionary<string, int> ReadCounts(string? json) =>
        string.IsNullOrEmpty(json) ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [], StringComparer.Ordinal);

    public static List<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
