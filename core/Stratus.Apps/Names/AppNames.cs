using System.Net;
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

    /// <summary>
    /// Tsuru's Procfile rule, <c>[A-Za-z0-9_-]+</c> (at most 40 characters): unlike the other names a process name is
    /// not an object name itself; Kubernetes names take its lowercase, <c>_</c>-as-<c>-</c> form.
    /// </summary>
    public static string? ProcessProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The process name is required.";
        }

        return name.Length <= MaxNameLength && ProcessPattern().IsMatch(name)
            ? null
            : $"The process name '{Shown(name)}' is not valid: use 1–{MaxNameLength} letters, digits, '_' and '-'.";
    }

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

    /// <summary>
    /// A cname: a lower-case DNS host name (RFC 1123 labels) of at least two labels, optionally a wildcard
    /// (<c>*.example.com</c>). Not an IP address in any spelling, and nothing under <c>localhost</c>.
    /// </summary>
    public static string? CNameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The cname is required.";
        }

        var host = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        var labels = host.Split('.');
        var valid = name.Length <= MaxCNameLength && labels.Length >= 2 && labels.All(l => l.Length <= 63 && DnsLabelPattern().IsMatch(l));
        if (!valid)
        {
            return $"The cname '{Shown(name)}' is not a valid host name: use lower-case labels of letters, digits and hyphens (not at a label's start or end), at least two labels such as 'www.example.com', at most {MaxCNameLength} characters.";
        }

        // A top-level label is never numeric (RFC 3696 §2), so a numeric last label means an address, whatever spelling
        // (127.0.0.1, 0x7f.1, 017700000001.0): resolvers and HTTP clients read those as IPv4 and the router would answer
        // for it. IPv6 and bracketed literals cannot pass the label rule above.
        if (NumericLabelPattern().IsMatch(labels[^1]) || IPAddress.TryParse(host, out _))
        {
            return $"The cname '{Shown(name)}' is an IP address; a cname must be a DNS host name such as 'www.example.com'.";
        }

        // localhost is the loopback (RFC 6761), and the built-in router answers http://<app>.localhost and
        // *.<app>.localhost for every app, including apps created later: a cname there would take over another
        // app's address. Apps get their .localhost address without asking.
        if (labels[^1] == "localhost")
        {
            return $"The cname '{Shown(name)}' is under 'localhost', where the local router gives every app its own address (<app>.localhost); use a DNS name you own.";
        }

        return null;
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

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    // Decimal, octal (leading 0) and hex (0x…) numbers, as inet_aton reads an address part.
    [GeneratedRegex("^(?:[0-9]+|0x[0-9a-f]*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumericLabelPattern();
}
