namespace Stratus.Functions;

internal static class ListenAddress
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// Under the Functions host the handler must listen on <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; standalone it listens
    /// on <c>Stratus:Url</c> (loopback by default).
    /// </summary>
    public static IWebHostBuilder UseStratusListenAddress(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        var url = Resolve(configuration);
        return url is null ? webHost : webHost.UseUrls(url);
    }

    public static string? Resolve(IConfiguration configuration)
    {
        if (configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } port)
        {
            return $"http://127.0.0.1:{port}";
        }

        return configuration["Stratus:Url"] ?? (configuration["urls"] is null && configuration["ASPNETCORE_URLS"] is null ? DefaultUrl : null);
    }
}
