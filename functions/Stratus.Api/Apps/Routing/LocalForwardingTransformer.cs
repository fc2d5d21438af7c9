using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Api.Apps.Routing;

/// <summary>
/// What the local router adds to a forwarded request, on top of YARP's default copy of the request: the original
/// <c>Host</c> (an app may serve several names), and <c>X-Forwarded-For</c> (appended to what earlier proxies wrote),
/// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>, as Tsuru's router and most ingress controllers set them.
/// </summary>
internal sealed class LocalForwardingTransformer : HttpTransformer
{
    public static readonly LocalForwardingTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var incoming = httpContext.Request;
        proxyRequest.Headers.Host = incoming.Host.Value;

        var forwardedFor = incoming.Headers["X-Forwarded-For"].ToString();
        if (httpContext.Connection.RemoteIpAddress is { } remote)
        {
            forwardedFor = forwardedFor.Length == 0 ? remote.ToString() : $"{forwardedFor}, {remote}";
        }

        Replace(proxyRequest, "X-Forwarded-For", forwardedFor);
        Replace(proxyRequest, "X-Forwarded-Proto", incoming.Scheme);
        Replace(proxyRequest, "X-Forwarded-Host", incoming.Host.Value);
    }

    private static void Replace(HttpRequestMessage request, string name, string? value)
    {
        request.Headers.Remove(name);
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
