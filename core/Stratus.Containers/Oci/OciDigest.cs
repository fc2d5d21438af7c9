using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Stratus.Containers.Oci;

/// <summary>Content digests as the OCI spec writes them (<c>sha256:&lt;64 hex&gt;</c>).</summary>
internal static partial class OciDigest
{
    public const string Sha256Prefix = "sha256:";

    public static string Sha256(ReadOnlySpan<byte> content) => Sha256Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsSha256(string? digest) => digest is not null && Sha256Pattern().IsMatch(digest);

    /// <summary>Any algorithm the spec's grammar allows; only sha256 is verified by Stratus.</summary>
    public static bool IsValid(string? digest) => digest is not null && (IsSha256(digest) || AnyPattern().IsMatch(digest));

    public static string RequireSha256(string digest, string parameterName)
    {
        return IsSha256(digest)
            ? digest
            : throw new ArgumentException($"'{digest}' is not a sha256 digest (sha256: followed by 64 lower-case hex digits).", parameterName);
    }

    [GeneratedRegex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$", RegexOptions.CultureInvariant)]
    private static partial Regex AnyPattern();
}
