namespace Stratus.Infra.Registry.Providers;

/// <summary>A freshly made OpenPGP key: its long key id (16 upper-case hex digits) and both halves, ASCII-armored.</summary>
internal sealed record OpenPgpKeyMaterial(string KeyId, string PublicKeyArmored, string SecretKeyArmored);
