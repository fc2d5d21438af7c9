namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// An organization's registry signing key, decrypted for one operation: the OpenPGP key that signs SHA256SUMS. The
/// secret half leaves this type only as a signature.
/// </summary>
internal sealed class ProviderOrganizationKeys(ProviderSigningKey publicKey, string secretKeyArmored)
{
    public ProviderSigningKey PublicKey { get; } = publicKey;

    public byte[] SignDetached(byte[] data, DateTimeOffset now) => OpenPgpSigning.SignDetached(secretKeyArmored, data, now.UtcDateTime);
}
