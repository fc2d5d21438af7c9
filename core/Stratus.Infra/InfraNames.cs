using System.Text.RegularExpressions;

namespace Stratus.Infra;

/// <summary>
/// Names of organizations, workspaces, templates, variables' owners and schedules: lower-case letters, digits, '.', '_'
/// and '-', 1–64 characters, starting and ending with a letter or digit. They become storage keys and URL segments.
/// </summary>
public static partial class InfraNames
{
    public const int MaxLength = 64;

    public static string? Problem(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The {what} is required.";
        }

        return name.Length <= MaxLength && NamePattern().IsMatch(name)
            ? null
            : $"The {what} '{(name.Length > 80 ? name[..80] + "…" : name)}' is not valid: use 1–{MaxLength} lower-case letters, digits, '.', '_' or '-', starting and ending with a letter or digit.";
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
