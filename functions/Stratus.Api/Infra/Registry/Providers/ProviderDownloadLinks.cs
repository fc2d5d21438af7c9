using System.Globalization;
using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>
/// The short-lived URLs of a version's files. terraform fetches the zip, SHA256SUMS and its signature without sending
/// credentials, so each URL carries its own proof: an expiry and an HMAC over the file's path and that expiry, keyed
/// per organization. A link works for <see cref="Lifetime"/>, and only for the one file it names.
/// </summary>
internal static class ProviderDownloadLinks
{
    public const string FilesPath = ProviderRegistryProtocolApi.BasePath + "/files";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string Create(HttpRequest request, ProviderOrganizationKeys keys, ProviderVersion version, string fileName, DateTimeOffset now)
    {
        var expires = now.Add(Lifetime).ToUnixTimeSeconds();
        var path = SignedPath(version.Organization, version.Type, version.Version, fileName);
        var token = keys.UrlToken(path, expires);
        var query = $"?expires={expires.ToString(CultureInfo.InvariantCulture)}&token={token}";
        return $"{request.Scheme}://{request.Host}{request.PathBase}{FilesPath}/{Uri.EscapeDataString(version.Organization)}/{Uri.EscapeDataString(version.Type)}/{Uri.EscapeDataString(version.Version)}/{Uri.EscapeDataString(fileName)}{query}";
    }

    /// <returns>Whether <paramref name="token"/> is this file's link token and has not expired.</returns>
    public static bool IsValid(ProviderOrganizationKeys keys, string organization, string type, string version, string fileName, long? expires, string? token, DateTimeOffset now) =>
        expires is { } at && at >= now.ToUnixTimeSeconds() && at <= now.Add(Lifetime).ToUnixTimeSeconds() + 60
        && keys.IsValidUrlToken(SignedPath(organization, type, version, fileName), at, token);

    private static string SignedPath(string organization, string type, string version, string fileName) => $"{organization}/{type}/{version}/{fileName}";
}
