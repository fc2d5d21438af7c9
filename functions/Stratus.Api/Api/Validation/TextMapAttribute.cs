using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// A string-to-string map (router options): at most <see cref="MaxEntries"/> entries, one-line keys and values of at
/// most <see cref="KeyMaxLength"/> and <see cref="ValueMaxLength"/> characters. <see cref="TextLimitsSchemaTransformer"/>
/// shows them as <c>maxProperties</c> and the values' <c>maxLength</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
internal sealed class TextMapAttribute(int maxEntries, int keyMaxLength, int valueMaxLength) : ValidationAttribute
{
    public int MaxEntries { get; } = maxEntries;
    public int KeyMaxLength { get; } = keyMaxLength;
    public int ValueMaxLength { get; } = valueMaxLength;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable entries)
        {
            return ValidationResult.Success;
        }

        var count = 0;
        foreach (var entry in entries)
        {
            if (++count > MaxEntries)
            {
                return Fail($"has more than {MaxEntries} entries; send at most {MaxEntries}.", validationContext);
            }

            if (entry is not KeyValuePair<string, string?> pair)
            {
                continue;
            }

            if (TextAttribute.Problem(pair.Key, KeyMaxLength, TextKind.SingleLine) is { } keyProblem)
            {
                return Fail($"key '{Shown(pair.Key)}' {keyProblem}", validationContext);
            }

            if (pair.Value is { } text && TextAttribute.Problem(text, ValueMaxLength, TextKind.SingleLine) is { } valueProblem)
            {
                return Fail($"value of '{Shown(pair.Key)}' {valueProblem}", validationContext);
            }
        }

        return ValidationResult.Success;
    }

    // A hostile key is not echoed whole: only its start, with control characters made visible.
    private static string Shown(string key)
    {
        var start = key.Length > 40 ? key[..40] + "…" : key;
        return string.Concat(start.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static ValidationResult Fail(string message, ValidationContext context) =>
        new(message, context.MemberName is { } member ? [member] : null);
}
