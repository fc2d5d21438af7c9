namespace Stratus.Api.Apps.Routing;

/// <summary>One pooled connection handler for the local proxy: no proxy, no redirects, no cookies, no decompression, so the unit's response passes through as sent.</summary>
internal sealed class LocalProxyClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    public void Dispose() => Invoker.Dispose();
}
