using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Stratus.Infra.Registry.Modules;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>
/// Short-lived signed links to module archives. terraform hands the <c>X-Terraform-Get</c> URL to go-getter, which
/// fetches it without the registry token, so the link carries its own proof: an HMAC-SHA256 over the archive's path
/// and the expiry, keyed with a key derived from Stratus's secret key (<see cref="SecretProtector.DeriveKey"/>), so no
/// new secret needs managing and every instance of a deployment signs and checks alike.
/// </summary>
internal sealed class ModuleDownloadSigner(SecretProtector secrets, TimeProvider time, IOptions<ModuleRegistryOptions> options)
{
    private const string Purpose = "stratus-module-download-v1";
    private readonly byte[] _key = secrets.DeriveKey(Purpose);

    /// <summary>The archive's path under the registry base, e.g. <c>archives/acme/network/azurerm/1.0.0/module.tar.gz</c>.</summary>
    public static string ArchivePath(ModuleAddress module, string version) =>
        $"archives/{module.Organization}/{module.Name}/{module.System}/{version}/module.tar.gz";

    /// <summary>The query string (<c>?expires=…&amp;signature=…</c>) that makes the archive's path a working link.</summary>
    public string Sign(ModuleAddress module, string version)
    {
        var expires = time.GetUtcNow().Add(options.Value.DownloadUrlLifetime).ToUnixTimeSeconds();
        return $"?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Base64Url.EncodeToString(Mac(module, version, expires))}";
    }

    public DownloadSignatureCheck Check(ModuleAddress module, string version, long? expires, string? signature)
    {
        if (expires is not { } at || string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return DownloadSignatureCheck.Invalid;
        }

        var given = new byte[48];
        if (!Base64Url.IsValid(signature) || !Base64Url.TryDecodeFromChars(signature, given, out var length)
            || !CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), Mac(module, version, at)))
        {
            return DownloadSignatureCheck.Invalid;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > at ? DownloadSignatureCheck.Expired : DownloadSignatureCheck.Valid;
    }

    private byte[] Mac(ModuleAddress module, string version, long expires) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"GET\n{ArchivePath(module, version)}\n{expires.ToString(CultureInfo.InvariantCulture)}"));
}
