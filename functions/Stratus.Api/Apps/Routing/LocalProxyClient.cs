using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Api.Apps.Routing;

/// <summary>
/// The local router's connections to units, set up as YARP's forwarder expects its client: no proxy, redirects,
/// cookies or decompression (the unit's response passes through as sent), and the request's trace context carried on
/// as this hop's (<see cref="ReverseProxyPropagator"/>) rather than added twice.
/// </summary>
internal sealed class LocalProxyClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    public void Dispose() => Invoker.Dispose();
}
