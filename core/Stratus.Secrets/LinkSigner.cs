using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Stratus.Secrets;

/// <summary>
/// Short-lived signed links, for what terraform's tools fetch without credentials: go-getter's module archive, terraform's
/// provider zips and checksums, go-tfe's log reader. A link carries an expiry and an HMAC-SHA256 over its purpose, its
/// path and that expiry, keyed per purpose with a key derived from the platform's secret key
/// (<see cref="SecretProtector.DeriveKey"/>): no new secret to manage, every instance signs and checks alike, and a
/// link for one file or purpose opens nothing else.
/// </summary>
public sealed class LinkSigner(SecretProtector secrets, TimeProvider time)
{
    private const int MaxSignatureLength = 64;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>The expiry (Unix seconds) and signature that make <paramref name="path"/> a working link for <paramref name="lifetime"/>.</summary>
    public SignedLink Sign(string purpose, string path, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return new SignedLink(expires, Base64Url.EncodeToString(Mac(purpose, path, expires)));
    }

    public LinkCheck Check(string purpose, string path, long? expires, string? signature)
    {
        if (expires is not { } at || string.IsNullOrEmpty(signature) || signature.Length > MaxSignatureLength)
        {
            return LinkCheck.Invalid;
        }

        var given = new byte[48];
        if (!Base64Url.IsValid(signature) || !Base64Url.TryDecodeFromChars(signature, given, out var length)
            || !CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), Mac(purpose, path, at)))
        {
            return LinkCheck.Invalid;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > at ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private byte[] Mac(string purpose, string path, long expires) =>
        HMACSHA256.HashData(
            _keys.GetOrAdd(purpose, p => secrets.DeriveKey("stratus-link-v1:" + p)),
            Encoding.UTF8.GetBytes($"{path}\n{expires.ToString(CultureInfo.InvariantCulture)}"));
}
