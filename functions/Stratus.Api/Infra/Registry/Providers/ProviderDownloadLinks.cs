using Stratus.Infra.Registry.Providers;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>
/// The short-lived URLs of a version's files. terraform fetches the zip, SHA256SUMS and its signature without sending
/// credentials, so each URL carries its own proof (<see cref="LinkSigner"/>): it works for <see cref="Lifetime"/>, and
/// only for the one file it names.
/// </summary>
internal static class ProviderDownloadLinks
{
    public const string FilesPath = ProviderRegistryProtocolApi.BasePath + "/files";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string Purpose = "provider-file";

    public static string Create(HttpRequest request, LinkSigner links, ProviderVersion version, string fileName)
    {
        var signed = links.Sign(Purpose, SignedPath(version.Organization, version.Type, version.Version, fileName), Lifetime);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{FilesPath}/{Uri.EscapeDataString(version.Organization)}/{Uri.EscapeDataString(version.Type)}/{Uri.EscapeDataString(version.Version)}/{Uri.EscapeDataString(fileName)}{signed.Query}";
    }

    public static LinkCheck Check(LinkSigner links, string organization, string type, string version, string fileName, long? expires, string? signature) =>
        links.Check(Purpose, SignedPath(organization, type, version, fileName), expires, signature);

    private static string SignedPath(string organization, string type, string version, string fileName) => $"{organization}/{type}/{version}/{fileName}";
}
