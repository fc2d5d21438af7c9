using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Stratus.Secrets;

/// <summary>
/// AES-256-GCM for sensitive values. A protected value is text: <c>sv1:{key id}:{base64url(nonce ‖ tag ‖ ciphertext)}</c>
/// with a fresh random 96-bit nonce and a 128-bit tag. The associated data binds the ciphertext to its format, its
/// key id and a caller-given context (the variable's owner and id), so a value copied onto another variable, or
/// edited in any byte, fails to decrypt instead of yielding something else.
/// </summary>
public sealed class SecretProtector
{
    public const string FormatPrefix = "sv1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The options have a problem (each one is in the message).</exception>
    public SecretProtector(SecretProtectorOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The secret key settings are not usable: " + string.Join(" ", problems), nameof(options));
        }

        ActiveKeyId = options.KeyId;
        _keys[options.KeyId] = SecretProtectorOptions.DecodeKey(options.Key)!;
        foreach (var (id, key) in options.RetiredKeys)
        {
            _keys[id] = SecretProtectorOptions.DecodeKey(key)!;
        }
    }

    public string ActiveKeyId { get; }

    /// <summary>A new random key, base64-encoded, for <see cref="SecretProtectorOptions.Key"/>.</summary>
    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretProtectorOptions.KeyBytes));

    /// <summary>
    /// A key for another purpose (signing download URLs), derived from the active key with HKDF-SHA256 and the purpose
    /// as its info, so the platform keeps one secret and no purpose's key reveals another's or the encryption key.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _keys[ActiveKeyId], SecretProtectorOptions.KeyBytes, info: Encoding.UTF8.GetBytes(purpose));

    public string Protect(string plaintext, string context)
    {
        var key = _keys[ActiveKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceSize + TagSize + plain.Length];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, payload.AsSpan(NonceSize + TagSize), payload.AsSpan(NonceSize, TagSize), AssociatedData(ActiveKeyId, context));
        }

        CryptographicOperations.ZeroMemory(plain);
        return $"{FormatPrefix}:{ActiveKeyId}:{Base64Url.EncodeToString(payload)}";
    }

    /// <exception cref="SecretProtectionException">The value is malformed, names a key this protector lacks, or was altered.</exception>
    public string Unprotect(string protectedValue, string context)
    {
        var (keyId, payload) = Parse(protectedValue);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new SecretProtectionException(
                $"The value was encrypted with key '{keyId}', which is not configured (active key: '{ActiveKeyId}'). Add it under RetiredSecretKeys, or set the value again.",
                keyId);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new SecretProtectionException("The protected value is truncated.", keyId);
        }

        var plain = new byte[payload.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize + TagSize), payload.AsSpan(NonceSize, TagSize), plain, AssociatedData(keyId, context));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretProtectionException($"The protected value failed its integrity check with key '{keyId}': it was altered, belongs to another variable, or the key is wrong.", keyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Whether <paramref name="protectedValue"/> is encrypted with the active key (else it is due for re-encryption).</summary>
    public bool IsCurrent(string protectedValue) => KeyIdOf(protectedValue) == ActiveKeyId;

    /// <returns>The key id a protected value names, or <c>null</c> if it is not in this format.</returns>
    public static string? KeyIdOf(string protectedValue)
    {
        var parts = protectedValue.Split(':');
        return parts.Length == 3 && parts[0] == FormatPrefix ? parts[1] : null;
    }

    private static (string KeyId, byte[] Payload) Parse(string protectedValue)
    {
        var parts = protectedValue.Split(':');
        if (parts.Length != 3 || parts[0] != FormatPrefix || SecretProtectorOptions.KeyIdProblem(parts[1]) is not null)
        {
            throw new SecretProtectionException($"The protected value is not in the {FormatPrefix} format.");
        }

        try
        {
            return (parts[1], Base64Url.DecodeFromChars(parts[2]));
        }
        catch (FormatException)
        {
            throw new SecretProtectionException("The protected value's payload is not base64url.", parts[1]);
        }
    }

    private static byte[] AssociatedData(string keyId, string context) => Encoding.UTF8.GetBytes($"stratus-secret|{FormatPrefix}|{keyId}|{context}");
}
