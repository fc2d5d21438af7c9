using System.Text.RegularExpressions;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// The name terraform's release tooling (goreleaser, HashiCorp's own) gives a provider package:
/// <c>terraform-provider-&lt;type&gt;_&lt;version&gt;_&lt;os&gt;_&lt;arch&gt;.zip</c>. The registry serves packages under this
/// name, and terraform finds the package's line in SHA256SUMS by it.
/// </summary>
public sealed partial record ProviderPackageName(string Type, string Version, string Os, string Arch)
{
    public const string Prefix = "terraform-provider-";

    public string FileName => $"{Prefix}{Type}_{Version}_{Os}_{Arch}.zip";

    /// <returns>The parts, or <c>null</c> (with the reason in <paramref name="problem"/>) if the name is not of that form.</returns>
    public static ProviderPackageName? Parse(string fileName, out string? problem)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            problem = $"'{Shown(fileName)}' is not named {Prefix}<type>_<version>_<os>_<arch>.zip (for example {Prefix}demo_1.0.0_linux_amd64.zip).";
            return null;
        }

        var name = new ProviderPackageName(match.Groups["type"].Value, match.Groups["version"].Value, match.Groups["os"].Value, match.Groups["arch"].Value);
        problem = ProviderNames.TypeProblem(name.Type) ?? ProviderNames.VersionProblem(name.Version);
        problem = problem is null ? null : $"{Shown(fileName)}: {problem}";
        return problem is null ? name : null;
    }

    private static string Shown(string value) => value.Length > 120 ? value[..120] + "…" : value;

    // The version may hold '_'-free semver pre-release and build parts; os and arch are terraform's GOOS/GOARCH words.
    [GeneratedRegex("^terraform-provider-(?<type>[^_/\\\\]+)_(?<version>[^_/\\\\]+)_(?<os>[a-z0-9]{1,32})_(?<arch>[a-z0-9]{1,32})\\.zip\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
