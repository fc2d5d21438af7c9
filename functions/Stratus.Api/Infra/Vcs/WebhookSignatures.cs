using System.Security.Cryptography;
using System.Text;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// The providers' webhook proofs. GitHub signs the raw body: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256&gt;</c>;
/// GitLab sends the secret itself in <c>X-Gitlab-Token</c>. Both compare in constant time, so timing tells an
/// attacker nothing about how much of a guess was right.
/// </summary>
internal static class WebhookSignatures
{
    private const string GitHubPrefix = "sha256=";

    public static bool IsValidGitHub(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(GitHubPrefix, StringComparison.Ordinal) || header.Length != GitHubPrefix.Length + 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(GitHubPrefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static bool IsValidGitLab(string secret, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(header)));

    /// <summary>The header GitHub would send for <paramref name="body"/> (the tests sign with it).</summary>
    public static string GitHubHeader(string secret, ReadOnlySpan<byte> body) =>
        GitHubPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
