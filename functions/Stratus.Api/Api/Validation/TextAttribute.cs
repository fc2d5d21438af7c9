using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// A string field's limit and the control characters it refuses. It is a <see cref="StringLengthAttribute"/>, so the
/// OpenAPI document shows the limit as <c>maxLength</c>; the message leaves out the field, which the caller adds as a
/// JSON path (<see cref="RequestValidator"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
internal sealed class TextAttribute(int maximumLength) : StringLengthAttribute(maximumLength)
{
    public TextKind Kind { get; set; } = TextKind.SingleLine;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && Problem(text, MaximumLength, Kind) is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;

    /// <returns>What is wrong with <paramref name="text"/> (without naming the field), or <c>null</c>.</returns>
    public static string? Problem(string text, int maximumLength, TextKind kind)
    {
        if (text.Length > maximumLength)
        {
            return $"has {text.Length} characters; at most {maximumLength} are allowed. Shorten it.";
        }

        var bad = ControlCharacters.Find(text, kind);
        if (bad < 0)
        {
            return null;
        }

        return kind == TextKind.SingleLine
            ? $"contains the control character {ControlCharacters.Describe(text, bad)}; send plain text on one line, without control characters or terminal escape sequences."
            : $"contains the control character {ControlCharacters.Describe(text, bad)}; only line breaks and tabs are allowed, no other control characters or terminal escape sequences.";
    }
}
