using System.Text.RegularExpressions;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// The rules for provider types and versions. A type is what terraform accepts in a source address (lower-case letters,
/// digits and single dashes); a version is semantic (<c>1.2.3</c>, <c>1.2.3-beta.1</c>), as terraform's constraints need.
/// </summary>
public static partial class ProviderNames
{
    public const int MaxTypeLength = 64;
    public const int MaxVersionLength = 64;

    public static string? TypeProblem(string? type) =>
        type is { Length: > 0 and <= MaxTypeLength } && TypePattern().IsMatch(type)
            ? null
            : $"The provider type '{Shown(type)}' is not valid: use 1–{MaxTypeLength} lower-case letters, digits and single dashes, starting and ending with a letter or digit (terraform's source address rule).";

    public static string? VersionProblem(string? version) =>
        version is { Length: > 0 and <= MaxVersionLength } && VersionPattern().IsMatch(version)
            ? null
            : $"The version '{Shown(version)}' is not a semantic version such as 1.2.3 or 1.2.3-beta.1 (without a leading 'v').";

    /// <summary>Whether an organization name can be a terraform namespace (terraform refuses '.' and '_' there).</summary>
    public static bool IsNamespace(string organization) => TypePattern().IsMatch(organization);

    private static string Shown(string? value) => value is null ? "" : value.Length > 80 ? value[..80] + "…" : value;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();

    [GeneratedRegex("^(?:0|[1-9][0-9]{0,8})\\.(?:0|[1-9][0-9]{0,8})\\.(?:0|[1-9][0-9]{0,8})(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
