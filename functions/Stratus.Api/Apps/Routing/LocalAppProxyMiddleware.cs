using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Stratus.Api.Apps.Routing;

/// <summary>
/// The local router's proxy: <c>http://&lt;app&gt;.localhost:&lt;port&gt;/…</c> (and the app's cnames) go to the app's
/// ready units, round robin, through YARP's <see cref="IHttpForwarder"/>: request and response bodies stream both ways
/// (server-sent events and large uploads pass through without buffering), WebSockets and trailers pass, and
/// <see cref="LocalForwardingTransformer"/> adds the forwarding headers. Every other host falls through to the API.
/// </summary>
internal sealed partial class LocalAppProxyMiddleware(
    RequestDelegate next, LocalRouteStore routes, IHttpForwarder forwarder, LocalProxyClient client, TimeProvider time, ILogger<LocalAppProxyMiddleware> logger)
{
    private const string LocalSuffix = ".localhost";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    // No overall timeout: server-sent events, long downloads and WebSockets stay open as long as both ends want.
    // HTTP/1.1 to the unit, as the units serve it; YARP still upgrades WebSockets over it.
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(10),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    private readonly Dictionary<string, (LocalRoute? Route, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();
    private int _next;

    public async Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host.TrimEnd('.').ToLowerInvariant();
        var local = host.EndsWith(LocalSuffix, StringComparison.Ordinal) && host.Length > LocalSuffix.Length;
        if (!local && (host == "localhost" || IPAddress.TryParse(host.Trim('[', ']'), out _) || !host.Contains('.', StringComparison.Ordinal)))
        {
            await next(context);
            return;
        }

        var name = local ? host[..^LocalSuffix.Length] : host;
        var route = await FindAsync(name, context.RequestAborted);
        if (route is null)
        {
            if (local)
            {
                await WriteProblemAsync(context, StatusCodes.Status404NotFound, "No app here",
                    $"No app is routed at '{host}'. Deploy an app named '{name.Split('.')[^1]}' or check the name (stratus app list).");
                return;
            }

            // Not a cname of any app: an API host name.
            await next(context);
            return;
        }

        if (route.Addresses.Count == 0)
        {
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "No units",
                $"App '{route.App}' has no ready units{(route.Prefix.Length > 0 ? $" for '{route.Prefix}'" : "")}. Start it or scale it up (stratus app start {route.App}).");
            return;
        }

        await ForwardAsync(context, route);
    }

    private async Task ForwardAsync(HttpContext context, LocalRoute route)
    {
        // The unit's response is the app's own: the API's security headers (its CSP above all) are not the router's to add.
        Api.SecurityHeadersMiddleware.SkipFor(context);
        // The unit decides how large a body it takes, as behind any router; Kestrel's 30 MB default is the API's concern.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)route.Addresses.Count);
        for (var attempt = 0; attempt < route.Addresses.Count; attempt++)
        {
            var address = route.Addresses[(start + attempt) % route.Addresses.Count];
            var error = await forwarder.SendAsync(context, $"http://{address}", client.Invoker, RequestConfig, LocalForwardingTransformer.Instance);
            if (error == ForwarderError.None)
            {
                return;
            }

            var reason = context.GetForwarderErrorFeature()?.Exception?.Message ?? error.ToString();
            LogUnitUnreachable(logger, route.App, address, reason);
            if (context.Response.HasStarted)
            {
                // The unit failed mid-response (or a WebSocket closed badly): the client already has part of it.
                return;
            }

            if (error == ForwarderError.Request && !HasBody(context.Request) && attempt + 1 < route.Addresses.Count)
            {
                // A unit that just went away; a request without a body can safely go to the next one. The forwarder
                // set a 502 and its error; clear both, or it refuses to forward this response again.
                context.Response.Clear();
                context.Features.Set<IForwarderErrorFeature>(null);
                continue;
            }

            await WriteProblemAsync(context, StatusCodes.Status502BadGateway, "Unit unreachable", $"App '{route.App}': the unit at {address} did not answer ({reason}).");
            return;
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private async Task<LocalRoute?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_cacheLock)
        {
            if (_cache.TryGetValue(name, out var cached) && cached.Until > now)
            {
                return cached.Route;
            }
        }

        var route = await routes.FindAsync(name, cancellationToken);
        lock (_cacheLock)
        {
            if (_cache.Count > 10_000)
            {
                _cache.Clear();
            }

            _cache[name] = (route, now + CacheFor);
        }

        return route;
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Local router: unit {Address} of app {App} did not answer: {Reason}")]
    private static partial void LogUnitUnreachable(ILogger logger, string app, string address, string reason);
}
