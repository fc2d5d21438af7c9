using Microsoft.Extensions.Options;
using Stratus.Infra.Registry.Modules;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>
/// Short-lived signed links to module archives. terraform hands the <c>X-Terraform-Get</c> URL to go-getter, which
/// fetches it without the registry token, so the link carries its own proof (<see cref="LinkSigner"/>), for
/// <see cref="ModuleRegistryOptions.DownloadUrlLifetime"/>.
/// </summary>
internal sealed class ModuleDownloadSigner(LinkSigner links, IOptions<ModuleRegistryOptions> options)
{
    private const string Purpose = "module-download";

    /// <summary>The archive's path under the registry base, e.g. <c>archives/acme/network/azurerm/1.0.0/module.tar.gz</c>.</summary>
    public static string ArchivePath(ModuleAddress module, string version) =>
        $"archives/{module.Organization}/{module.Name}/{module.System}/{version}/module.tar.gz";

    /// <summary>The query string (<c>?expires=…&amp;signature=…</c>) that makes the archive's path a working link.</summary>
    public string Sign(ModuleAddress module, string version) =>
        links.Sign(Purpose, ArchivePath(module, version), options.Value.DownloadUrlLifetime).Query;

    public LinkCheck Check(ModuleAddress module, string version, long? expires, string? signature) =>
        links.Check(Purpose, ArchivePath(module, version), expires, signature);
}
