using System.Text.Json.Serialization;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>The provider registry protocol's "find a provider package" answer, in the protocol's snake_case.</summary>
internal sealed record ProviderDownloadResponse(
    [property: JsonPropertyName("protocols")] IReadOnlyList<string> Protocols,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("filename")] string Filename,
    [property: JsonPropertyName("download_url")] string DownloadUrl,
    [property: JsonPropertyName("shasums_url")] string ShasumsUrl,
    [property: JsonPropertyName("shasums_signature_url")] string ShasumsSignatureUrl,
    [property: JsonPropertyName("shasum")] string Shasum,
    [property: JsonPropertyName("signing_keys")] ProviderDownloadResponse.SigningKeys Keys)
{
    public sealed record SigningKeys([property: JsonPropertyName("gpg_public_keys")] IReadOnlyList<GpgPublicKey> GpgPublicKeys);

    public sealed record GpgPublicKey(
        [property: JsonPropertyName("key_id")] string KeyId,
        [property: JsonPropertyName("ascii_armor")] string AsciiArmor,
        [property: JsonPropertyName("source")] string Source);
}
