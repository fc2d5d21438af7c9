using System.Text.RegularExpressions;

namespace Stratus.Identity;

/// <summary>
/// Team names as Terrakube has them: case kept as written (its default templates name <c>TERRAFORM_CLI</c>), compared
/// without regard to case. Everything that stores or matches a team uses <see cref="Key"/>, so <c>TERRAFORM_CLI</c>
/// and <c>terraform_cli</c> are one team, and teams created when names had to be lower-case keep their keys.
/// </summary>
public static partial class TeamNames
{
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static string? Problem(string? name, string what = "team name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The {what} is required.";
        }

        return name.Length <= IdentityNames.MaxLength && NamePattern().IsMatch(name)
            ? null
            : $"The {what} '{IdentityNames.Shorten(name)}' is not valid: use 1–{IdentityNames.MaxLength} letters (either case), digits, '.', '_', '-' or '@', starting and ending with a letter or digit (e.g. TERRAFORM_CLI or payments).";
    }

    /// <summary>The case-folded form stored as keys and in principals and scopes (<c>team:terraform_cli</c>).</summary>
    public static string Key(string name) => name.ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._@-]*[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
