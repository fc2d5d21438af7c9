using System.Text.RegularExpressions;

namespace Stratus.Durable;

/// <summary>Instance ids become table keys, blob prefixes and queue messages, so they keep to a safe alphabet.</summary>
public static partial class InstanceIds
{
    public const int MaxLength = 256;

    public static bool IsValid(string? instanceId) => instanceId is not null && Pattern().IsMatch(instanceId);

    /// <exception cref="ArgumentException">The id is empty, too long, or has characters outside the alphabet.</exception>
    public static void Validate(string instanceId)
    {
        if (!IsValid(instanceId))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' is invalid: use 1-{MaxLength} characters from letters, digits and . _ : @ -, starting with a letter or digit.",
                nameof(instanceId));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@-]{0,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
