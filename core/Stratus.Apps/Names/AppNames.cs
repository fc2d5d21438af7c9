using System.Text.RegularExpressions;

namespace Stratus.Apps.Names;

/// <summary>
/// Name rules of the app platform. App, pool, plan, platform and process names become Kubernetes object names,
/// image repositories, host names and storage keys, so they follow Tsuru's rule: lower-case letters, digits and
/// single hyphens, starting with a letter, at most 40 characters. Each <c>…Problem</c> method returns what to fix, or
/// <c>null</c> when the name is fine.
/// </summary>
public static partial class AppNames
{
    public const int MaxNameLength = 40;
    public const int MaxEnvNameLength = 255;
    public const int MaxCNameLength = 253;

    private static readonly string[] ReservedEnvPrefixes = ["TSURU_", "STRATUS_"];
    private static readonly HashSet<string> ReservedEnvNames = new(StringComparer.Ordinal) { "PORT" };

    public static string? AppProblem(string? name) => NameProblem(name, "app name");

    public static string? PoolProblem(string? name) => NameProblem(name, "pool name");

    public static string? PlanProblem(string? name) => NameProblem(name, "plan name");

    public static string? PlatformProblem(string? name) => NameProblem(name, "platform name");

    public static string? ProcessProblem(string? name) => NameProblem(name, "process name");

    public static string? EnvProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The environment variable name is required.";
        }

        if (name.Length > MaxEnvNameLength || !EnvPattern().IsMatch(name))
        {
            return $"The environment variable name '{Shown(name)}' is not valid: use letters, digits and '_', starting with a letter or '_', at most {MaxEnvNameLength} characters.";
        }

        if (ReservedEnvNames.Contains(name))
        {
            return $"The environment variable '{name}' is reserved: the platform sets it for every unit.";
        }

        foreach (var prefix in ReservedEnvPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return $"The environment variable '{name}' is reserved: names starting with '{prefix}' are set by the platform. Choose another name.";
            }
        }

        return null;
    }

    /// <summary>A cname: a lower-case DNS host name of at least two labels, optionally a wildcard (<c>*.example.com</c>).</summary>
    public static string? CNameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The cname is required.";
        }

        var host = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        var labels = host.Split('.');
        var valid = name.Length <= MaxCNameLength && labels.Length >= 2 && labels.All(l => l.Length <= 63 && DnsLabelPattern().IsMatch(l));
        return valid
            ? null
            : $"The cname '{Shown(name)}' is not a valid host name: use lower-case labels of letters, digits and hyphens (not at a label's start or end), at least two labels such as 'www.example.com', at most {MaxCNameLength} characters.";
    }

    private static string? NameProblem(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The {what} is required.";
        }

        return name.Length <= MaxNameLength && NamePattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal) && !name.EndsWith('-')
            ? null
            : $"The {what} '{Shown(name)}' is not valid: use 1–{MaxNameLength} lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen.";
    }

    private static string Shown(string name) => name.Length > 80 ? name[..80] + "…" : name;

    [GeneratedRegex("^[a-z][a-z0-9-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();
}
