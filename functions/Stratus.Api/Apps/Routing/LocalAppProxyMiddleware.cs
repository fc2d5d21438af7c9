using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Features;

namespace Stratus.Api.Apps.Routing;

/// <summary>
/// The local router's proxy: <c>http://&lt;app&gt;.localhost:&lt;port&gt;/…</c> (and the app's cnames) go to the app's
/// ready units, round robin, with request and response bodies streamed both ways (server-sent events and large
/// uploads pass through without buffering). Every other host falls through to the API.
/// </summary>
internal sealed partial class LocalAppProxyMiddleware(RequestDelegate next, LocalRouteStore routes, LocalProxyClient client, TimeProvider time, ILogger<LocalAppProxyMiddleware> logger)
{
    private const string LocalSuffix = ".localhost";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
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
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)route.Addresses.Count);
        for (var attempt = 0; attempt < route.Addresses.Count; attempt++)
        {
            var address = route.Addresses[(start + attempt) % route.Addresses.Count];
            using var request = CreateRequest(context, address);
            HttpResponseMessage response;
            try
            {
                response = await client.Invoker.SendAsync(request, context.RequestAborted);
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException && !HasBody(context.Request) && attempt + 1 < route.Addresses.Count)
            {
                // A unit that just went away; a request without a body can safely go to the next one.
                LogUnitUnreachable(logger, route.App, address, ex.Message);
                continue;
            }
            catch (HttpRequestException ex)
            {
                LogUnitUnreachable(logger, route.App, address, ex.Message);
                await WriteProblemAsync(context, StatusCodes.Status502BadGateway, "Unit unreachable", $"App '{route.App}': the unit at {address} did not answer ({ex.Message}).");
                return;
            }

            using (response)
            {
                await CopyResponseAsync(context, response);
            }

            return;
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, string address)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), $"http://{address}{incoming.PathBase}{incoming.Path}{incoming.QueryString}")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (HasBody(incoming))
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (key, values) in incoming.Headers)
        {
            if (HopByHop.Contains(key))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)values);
            }
        }

        request.Headers.Host = incoming.Host.Value;
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        if (context.Connection.RemoteIpAddress is { } remote)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }

        return request;
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(key))
            {
                context.Response.Headers[key] = values.ToArray();
            }
        }

        // Stream as it comes: no response buffering, so events and long downloads reach the client at once.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
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
