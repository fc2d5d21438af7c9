using Semver;

namespace Stratus.Infra.Registry.Modules;

/// <summary>
/// Module versions are semantic versions (2.0.0), as the registry protocol requires: terraform compares them to pick
/// the newest that meets a constraint, so anything else could never be chosen. A git tag may carry a leading
/// <c>v</c> (<c>v1.2.0</c>), as the public registry allows; the stored version never does.
/// </summary>
public static class ModuleVersionNumber
{
    /// <summary>The longest version accepted; table keys and blob names hold it comfortably.</summary>
    public const int MaxLength = 64;

    /// <summary>Orders versions by semver precedence (build metadata ignored, then ordinal as a tie-break).</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    /// <summary>The canonical version (<c>1.2.0</c> for <c>v1.2.0</c>), or null when the text is not a semantic version.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }

        return SemVersion.TryParse(text, SemVersionStyles.AllowV, out var version) ? version.ToString() : null;
    }

    /// <summary>What is wrong with <paramref name="text"/> as a version, or null when it is one.</summary>
    public static string? Problem(string? text, string what) =>
        Normalize(text) is not null
            ? null
            : $"The {what} '{Shorten(text)}' is not a semantic version: use MAJOR.MINOR.PATCH (e.g. 1.4.0 or v1.4.0, optionally with -prerelease or +build), at most {MaxLength} characters.";

    private static int Compare(string? left, string? right)
    {
        var a = left is null ? null : SemVersion.TryParse(left, SemVersionStyles.AllowV, out var x) ? x : null;
        var b = right is null ? null : SemVersion.TryParse(right, SemVersionStyles.AllowV, out var y) ? y : null;
        var byPrecedence = SemVersion.ComparePrecedence(a, b);
        return byPrecedence != 0 ? byPrecedence : string.CompareOrdinal(left, right);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}
