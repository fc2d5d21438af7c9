using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Stratus.Sandbox;

/// <summary>
/// Deterministic sandbox names: the same step attempt always gets the same name, so a control plane that restarts
/// (and re-runs the activity) finds the sandbox it started before. Names are valid podman container names, Container Apps
/// job names (lower case, at most 63 characters) and single path segments.
/// </summary>
public static class SandboxNames
{
    public const string Prefix = "stratus-step-";

    /// <summary>
    /// <c>stratus-step-{org}-{workspace}-{job}-{step}-{attempt}[-{phase}]-{hash}</c>, with organization and workspace
    /// shortened and lower-cased; the hash of the exact inputs keeps names distinct where shortening made them alike.
    /// </summary>
    public static string ForStep(string organization, string workspace, int jobId, int step, int attempt, string? phase = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(organization);
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        var exact = string.Create(CultureInfo.InvariantCulture, $"{organization}\n{workspace}\n{jobId}\n{step}\n{attempt}\n{phase}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(exact)))[..8];
        var tail = string.Create(CultureInfo.InvariantCulture, $"{jobId}-{step}-{attempt}{(string.IsNullOrEmpty(phase) ? "" : "-" + Slug(phase, 8))}-{hash}");
        return $"{Prefix}{Slug(organization, 10)}-{Slug(workspace, 12)}-{tail}";
    }

    /// <summary>Whether <paramref name="name"/> is a name <see cref="ForStep"/> could have made (the startup sweep only touches those).</summary>
    public static bool IsStepName(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length <= 100 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static string Slug(string value, int max)
    {
        var slug = new StringBuilder();
        foreach (var c in value.ToLowerInvariant())
        {
            if (slug.Length == max)
            {
                break;
            }

            slug.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-');
        }

        return slug.ToString().Trim('-') is { Length: > 0 } trimmed ? trimmed : "x";
    }
}
