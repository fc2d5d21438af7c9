using System.Security.Cryptography;
using System.Text;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// An organization's registry secrets, decrypted for one operation: the OpenPGP key that signs SHA256SUMS, and the HMAC
/// key of its short-lived download URLs. Neither leaves this type except as a signature or a URL token.
/// </summary>
internal sealed class ProviderOrganizationKeys(ProviderSigningKey publicKey, string secretKeyArmored, byte[] urlKey)
{
    public ProviderSigningKey PublicKey { get; } = publicKey;

    public byte[] SignDetached(byte[] data, DateTimeOffset now) => OpenPgpSigning.SignDetached(secretKeyArmored, data, now.UtcDateTime);

    /// <summary>The token of a download URL: HMAC-SHA256 over the path and its expiry, base64url.</summary>
    public string UrlToken(string path, long expiresUnixSeconds) =>
        Convert.ToBase64String(HMACSHA256.HashData(urlKey, Encoding.UTF8.GetBytes($"{path}\n{expiresUnixSeconds}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool IsValidUrlToken(string path, long expiresUnixSeconds, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(UrlToken(path, expiresUnixSeconds)), Encoding.ASCII.GetBytes(token));
}
