using System.Security.Cryptography;
using System.Text;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// The files of a provider version besides its zips, named as HashiCorp's releases name them: the checksum list
/// <c>terraform-provider-&lt;type&gt;_&lt;version&gt;_SHA256SUMS</c> (a line <c>&lt;hex&gt;  &lt;file&gt;</c> per zip, as
/// <c>sha256sum</c> writes it, which terraform parses) and its detached signature, the same name plus <c>.sig</c>.
/// </summary>
public static class ProviderFiles
{
    public static string ShasumsFileName(string type, string version) => $"{ProviderPackageName.Prefix}{type}_{version}_SHA256SUMS";

    public static string SignatureFileName(string type, string version) => ShasumsFileName(type, version) + ".sig";

    /// <summary>The manifest goreleaser writes beside the zips; its <c>metadata.protocol_versions</c> names the protocols.</summary>
    public static string ManifestFileName(string type, string version) => $"{ProviderPackageName.Prefix}{type}_{version}_manifest.json";

    public static byte[] Shasums(IEnumerable<ProviderPlatform> platforms)
    {
        var text = new StringBuilder();
        foreach (var platform in platforms.OrderBy(p => p.FileName, StringComparer.Ordinal))
        {
            text.Append(platform.Shasum).Append("  ").Append(platform.FileName).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static async Task<string> Sha256HexAsync(Stream content, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
}
