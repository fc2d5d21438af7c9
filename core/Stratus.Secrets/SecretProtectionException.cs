namespace Stratus.Secrets;

/// <summary>A protected value could not be decrypted: unknown key id, malformed, or changed since it was written.</summary>
public sealed class SecretProtectionException(string message, string? keyId = null) : Exception(message)
{
    /// <summary>The key id the value names, if it could be read.</summary>
    public string? KeyId { get; } = keyId;
}
