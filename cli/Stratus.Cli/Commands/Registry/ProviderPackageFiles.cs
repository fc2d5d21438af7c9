using System.Text.RegularExpressions;

namespace Stratus.Cli.Commands.Registry;

/// <summary>
/// What <c>stratus provider publish</c> uploads: zips named as terraform's release tooling names them, given one by
/// one or found in a folder (goreleaser's <c>dist/</c>), plus goreleaser's manifest when there is one. SHA256SUMS and
/// its signature in such a folder are left out: Stratus writes and signs its own.
/// </summary>
internal static partial class ProviderPackageFiles
{
    public static IReadOnlyList<string> Find(string type, IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path).Where(f => Belongs(type, Path.GetFileName(f))).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new CliException($"There is no file or folder '{path}'.", "Give the provider's zips, or the folder goreleaser wrote them to (dist/).");
            }
        }

        return files.Count > 0
            ? files
            : throw new CliException(
                $"No zips of provider '{type}' were found.",
                $"Name them terraform-provider-{type}_<version>_<os>_<arch>.zip (goreleaser's default for terraform providers).");
    }

    private static bool Belongs(string type, string fileName) =>
        fileName.StartsWith($"terraform-provider-{type}_", StringComparison.Ordinal)
        && (PackagePattern().IsMatch(fileName) || fileName.EndsWith("_manifest.json", StringComparison.Ordinal));

    [GeneratedRegex("_[a-z0-9]+_[a-z0-9]+\\.zip\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PackagePattern();
}
