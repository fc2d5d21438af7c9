using System.Globalization;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Stratus.Cli.Api;

/// <summary>
/// The text of a value the generated client keeps in <c>AdditionalData</c> (the entries of a map such as an app's
/// processes or a pool's router options), which Kiota hands back as untyped nodes or plain values.
/// </summary>
internal static class AdditionalValue
{
    public static string? Text(object? value) => value switch
    {
        null or UntypedNull => null,
        UntypedString s => s.GetValue(),
        UntypedBoolean b => b.GetValue() ? "true" : "false",
        UntypedInteger i => i.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedLong l => l.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedDecimal d => d.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedDouble d => d.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedFloat f => f.GetValue().ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>"key=value" for each entry, as the CLI shows maps.</summary>
    public static IEnumerable<string> Pairs(IDictionary<string, object>? values, string separator = "=") =>
        (values ?? new Dictionary<string, object>()).Select(p => $"{p.Key}{separator}{Text(p.Value)}");
}
