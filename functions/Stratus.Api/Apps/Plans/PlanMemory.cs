using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stratus.Api.Apps.Plans;

/// <summary>
/// A plan's memory as people write it: a number of bytes, or a Kubernetes-style quantity (<c>512Mi</c>, <c>1.5Gi</c>,
/// <c>500M</c>). Binary suffixes (Ki, Mi, Gi, Ti) are powers of 1024, decimal ones (K or k, M, G, T) powers of 1000.
/// </summary>
internal static partial class PlanMemory
{
    public const string Rule = "Give memory as a whole number of bytes, or a quantity such as 512Mi, 1Gi or 500M (suffixes Ki, Mi, Gi, Ti, K, M, G, T); 0 means no limit.";

    // Largest first, so the shortest exact spelling wins when formatting.
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("Ti", 1L << 40), ("T", 1_000_000_000_000L), ("Gi", 1L << 30), ("G", 1_000_000_000L),
        ("Mi", 1L << 20), ("M", 1_000_000L), ("Ki", 1L << 10), ("K", 1_000L),
    ];

    /// <returns>The bytes, or what is wrong with <paramref name="memory"/>.</returns>
    public static (long Bytes, string? Problem) Parse(JsonElement memory) => memory.ValueKind switch
    {
        JsonValueKind.Number when memory.TryGetInt64(out var bytes) && bytes >= 0 => (bytes, null),
        JsonValueKind.Number => (0, $"The plan's memory {memory.GetRawText()} is not valid. {Rule}"),
        JsonValueKind.String => Parse(memory.GetString()!),
        _ => (0, $"The plan's memory must be a number or a string. {Rule}"),
    };

    public static (long Bytes, string? Problem) Parse(string memory)
    {
        var match = Quantity().Match(memory.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return (0, $"The plan's memory '{Shown(memory)}' is not valid. {Rule}");
        }

        var suffix = match.Groups["suffix"].Value;
        var factor = suffix.Length == 0 ? 1 : Units.First(u => u.Suffix == (suffix == "k" ? "K" : suffix)).Factor;
        try
        {
            var bytes = number * factor;
            return bytes != decimal.Truncate(bytes) || bytes > long.MaxValue
                ? (0, $"The plan's memory '{Shown(memory)}' is not a whole number of bytes. {Rule}")
                : ((long)bytes, null);
        }
        catch (OverflowException)
        {
            return (0, $"The plan's memory '{Shown(memory)}' is too large. {Rule}");
        }
    }

    /// <summary><c>512Mi</c> for 536870912, <c>500M</c> for 500000000, <c>1500</c> for 1500 bytes, and <c>unlimited</c> for 0.</summary>
    public static string Format(long bytes)
    {
        if (bytes == 0)
        {
            return "unlimited";
        }

        foreach (var (suffix, factor) in Units)
        {
            if (bytes % factor == 0)
            {
                return (bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^(?<number>[0-9]{1,20}(?:\\.[0-9]{1,9})?)(?<suffix>Ki|Mi|Gi|Ti|K|k|M|G|T)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();
}
