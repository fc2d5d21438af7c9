namespace Stratus.Standalone;

internal static class ListenAddress
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Listens on <c>Stratus:Url</c>, loopback by default; <c>urls</c>/<c>ASPNETCORE_URLS</c> take over when set.</summary>
    public static IWebHostBuilder UseStratusListenAddress(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        var url = Resolve(configuration);
        return url is null ? webHost : webHost.UseUrls(url);
    }

    public static string? Resolve(IConfiguration configuration) =>
        configuration["Stratus:Url"] ?? (configuration["urls"] is null && configuration["ASPNETCORE_URLS"] is null ? DefaultUrl : null);
}
