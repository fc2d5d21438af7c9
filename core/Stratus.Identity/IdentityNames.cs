using System.Text.RegularExpressions;

namespace Stratus.Identity;

/// <summary>
/// Names of users, roles and scoped resources (teams have their own, <see cref="TeamNames"/>): lower-case letters, digits, and <c>. _ - @</c> inside, 1–64
/// characters. User names may be e-mail addresses, as in Tsuru; nothing may contain the key separators we store by.
/// </summary>
public static partial class IdentityNames
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
            : $"The {what} '{Shorten(name)}' is not valid: use 1–{MaxLength} lower-case letters, digits, '.', '_', '-' or '@', starting and ending with a letter or digit.";
    }

    internal static string Shorten(string name) => name.Length > 80 ? name[..80] + "…" : name;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9._@-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
