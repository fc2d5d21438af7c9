using System.Text.RegularExpressions;

namespace Stratus.Infra.Registry.Modules;

/// <summary>
/// A module's name and target system as the registry protocol's addresses hold them (<c>acme/network/azurerm</c>):
/// names are lower-case letters, digits, '-' and '_' (1–64, starting and ending with a letter or digit), systems are
/// lower-case letters and digits (1–64), the provider-name rule terraform applies. They become table keys and URL
/// segments, so nothing else is allowed.
/// </summary>
public static partial class ModuleNames
{
    public const int MaxLength = 64;

    public static string? NameProblem(string? name) =>
        name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name)
            ? null
            : $"The module name '{Shorten(name)}' is not valid: use 1–{MaxLength} lower-case letters, digits, '-' or '_', starting and ending with a letter or digit.";

    public static string? SystemProblem(string? system) =>
        system is { Length: > 0 and <= MaxLength } && SystemPattern().IsMatch(system)
            ? null
            : $"The module system '{Shorten(system)}' is not valid: use 1–{MaxLength} lower-case letters and digits, the provider the module targets (e.g. azurerm).";

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SystemPattern();
}
