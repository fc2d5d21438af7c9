using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// A list of one-line strings: at most <c>maxItems</c> entries (a <see cref="MaxLengthAttribute"/>, so OpenAPI shows
/// <c>maxItems</c>) of at most <see cref="ItemMaxLength"/> characters each (<see cref="TextLimitsSchemaTransformer"/>
/// shows it as the items' <c>maxLength</c>). Null entries are left to the endpoint's own rules.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
internal sealed class TextListAttribute(int maxItems, int itemMaxLength) : MaxLengthAttribute(maxItems)
{
    public int ItemMaxLength { get; } = itemMaxLength;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable items || value is string)
        {
            return ValidationResult.Success;
        }

        var index = 0;
        foreach (var item in items)
        {
            if (index == Length)
            {
                return Fail($"has more than {Length} entries; send at most {Length}.", validationContext);
            }

            if (item is string text && TextAttribute.Problem(text, ItemMaxLength, TextKind.SingleLine) is { } problem)
            {
                return Fail($"entry {index} {problem}", validationContext);
            }

            index++;
        }

        return ValidationResult.Success;
    }

    private static ValidationResult Fail(string message, ValidationContext context) =>
        new(message, context.MemberName is { } member ? [member] : null);
}
