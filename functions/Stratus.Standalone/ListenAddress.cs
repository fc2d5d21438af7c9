namespace Stratus.Standalone;

internal static class ListenAddress
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string DefaultHttpsUrl = "https://127.0.0.1:7443";

    /// <summary>
    /// Listens on <c>Stratus:Url</c> and <c>Stratus:HttpsUrl</c>, loopback by default; <c>urls</c>/<c>ASPNETCORE_URLS</c>
    /// take over when set.
    /// </summary>
    public static IWebHostBuilder UseStratusListenAddress(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        var urls = new[] { Resolve(configuration), ResolveHttps(configuration) }.OfType<string>().ToList();
        return urls.Count == 0 ? webHost : webHost.UseUrls(string.Join(';', urls));
    }

    public static string? Resolve(IConfiguration configuration) =>
        configuration["Stratus:Url"] ?? (UrlsGiven(configuration) ? null : DefaultUrl);

    /// <summary>
    /// <c>Stratus:HttpsUrl</c> when set (empty turns HTTPS off); out of the box, with no address configured at all,
    /// <see cref="DefaultHttpsUrl"/>. A host given its own <c>Stratus:Url</c> serves HTTPS only when asked, so two
    /// hosts on one machine don't both reach for the default port.
    /// </summary>
    public static string? ResolveHttps(IConfiguration configuration) =>
        configuration["Stratus:HttpsUrl"] is { } https
            ? (string.IsNullOrWhiteSpace(https) ? null : https)
            : configuration["Stratus:Url"] is null && !UrlsGiven(configuration) ? DefaultHttpsUrl : null;

    private static bool UrlsGiven(IConfiguration configuration) =>
        configuration["urls"] is not null || configuration["ASPNETCORE_URLS"] is not null;
}
