using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Containers.Registry;

namespace Stratus.Containers.Tests.Registry;

/// <summary>
/// A real HTTP front (Kestrel on 127.0.0.1) for a private real registry that demands auth the way Docker Hub or a
/// token-auth distribution does: every /v2/ request without a valid credential gets 401 and a <c>Bearer</c> (or
/// <c>Basic</c>) challenge; <c>/token</c> checks Basic credentials and issues tokens for the requested scopes. Valid
/// requests are forwarded to the registry unchanged (with the proxy's Host), and upload Locations come back relative.
/// With <see cref="MaxBodyBytes"/>, a request announcing a longer body gets 413 before it is read, as from an nginx
/// front with <c>client_max_body_size</c>.
/// </summary>
internal sealed class AuthProxy : IAsyncDisposable
{
    private const string Service = "stratus-test-registry";

    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly Uri _registry;
    private readonly RegistryCredentials _accepted;
    private readonly bool _basic;
    private readonly ConcurrentDictionary<string, string[]> _tokens = new(StringComparer.Ordinal);
    private int _tokensIssued;
    private int _challenges;
    private int _refusedBodies;

    private AuthProxy(Uri registry, RegistryCredentials accepted, bool basic, int expiresIn, bool accessTokenField, long? maxBodyBytes)
    {
        MaxBodyBytes = maxBodyBytes;
        _registry = registry;
        _accepted = accepted;
        _basic = basic;
        ExpiresIn = expiresIn;
        AccessTokenField = accessTokenField;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary><c>127.0.0.1:port</c>, for image references.</summary>
    public string Address { get; private set; } = "";

    public int ExpiresIn { get; }

    public bool AccessTokenField { get; }

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public int Challenges => Volatile.Read(ref _challenges);

    public long? MaxBodyBytes { get; }

    /// <summary>Requests refused with 413 for their body's size.</summary>
    public int RefusedBodies => Volatile.Read(ref _refusedBodies);

    public static async Task<AuthProxy> StartAsync(Uri registry, RegistryCredentials accepted, bool basic = false, int expiresIn = 300, bool accessTokenField = false, long? maxBodyBytes = null)
    {
        var proxy = new AuthProxy(registry, accepted, basic, expiresIn, accessTokenField, maxBodyBytes);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Address = new Uri(address).Authority;
        return proxy;
    }

    /// <summary>A token as the token service would issue it, for tests of <see cref="IRegistryTokenSource"/>.</summary>
    public string IssueToken(IEnumerable<string> scopes)
    {
        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = [.. scopes];
        Interlocked.Increment(ref _tokensIssued);
        return token;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/token")
        {
            await TokenAsync(context);
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            Interlocked.Increment(ref _refusedBodies);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsync("413 Request Entity Too Large");
            return;
        }

        var needed = Scope(context.Request);
        if (!Authorized(context.Request.Headers.Authorization.ToString(), needed))
        {
            Interlocked.Increment(ref _challenges);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = _basic
                ? $"Basic realm=\"{Service}\""
                : $"Bearer realm=\"http://{Address}/token\",service=\"{Service}\"" + (needed is null ? "" : $",scope=\"{needed}\"");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}""");
            return;
        }

        await ForwardAsync(context);
    }

    private bool Authorized(string header, string? needed)
    {
        if (_basic)
        {
            return header == "Basic " + Basic(_accepted);
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(header["Bearer ".Length..], out var granted))
        {
            return false;
        }

        // A token is good for the repositories and actions it was issued for, as with a real token service.
        return needed is null || needed.Split(' ').All(n => granted.Any(g => Covers(g, n)));
    }

    private static bool Covers(string granted, string needed)
    {
        var g = granted.Split(':');
        var n = needed.Split(':');
        return g.Length == 3 && n.Length == 3 && g[0] == n[0] && g[1] == n[1] && n[2].Split(',').All(a => g[2].Split(',').Contains(a));
    }

    private static string? Scope(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        foreach (var marker in new[] { "/blobs/", "/manifests/", "/tags/" })
        {
            var at = path.IndexOf(marker, StringComparison.Ordinal);
            if (path.StartsWith("/v2/", StringComparison.Ordinal) && at > 4)
            {
                var name = path[4..at];
                var actions = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? "pull" : "pull,push";
                var scope = $"repository:{name}:{actions}";
                return request.Query.TryGetValue("from", out var from) ? $"{scope} repository:{from}:pull" : scope;
            }
        }

        return null;
    }

    private async Task TokenAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != "Basic " + Basic(_accepted))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"incorrect username or password"}]}""");
            return;
        }

        if (context.Request.Query["service"] != Service)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var scopes = context.Request.Query["scope"].SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var token = IssueToken(scopes);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(AccessTokenField
            ? $$"""{"access_token":"{{token}}","expires_in":{{ExpiresIn}}}"""
            : $$"""{"token":"{{token}}","expires_in":{{ExpiresIn}},"issued_at":"2026-01-01T00:00:00Z"}""");
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_registry, incoming.Path + incoming.QueryString));
        request.Headers.Host = Address;
        if (incoming.ContentLength > 0 || HttpMethods.IsPost(incoming.Method) || HttpMethods.IsPut(incoming.Method) || HttpMethods.IsPatch(incoming.Method))
        {
            request.Content = new StreamContent(incoming.Body);
            foreach (var name in new[] { "Content-Type", "Content-Length", "Content-Range" })
            {
                if (incoming.Headers.TryGetValue(name, out var value))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value.ToString());
                }
            }
        }

        foreach (var accept in incoming.Headers.Accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name == "Location" && Uri.TryCreate(values.Single(), UriKind.Absolute, out var location))
            {
                // The spec lets registries answer with relative upload Locations; this front always does, so the
                // client's resolution of them is exercised on every chunked upload through it.
                context.Response.Headers.Location = location.PathAndQuery;
            }
            else if (name is not ("Transfer-Encoding" or "Connection"))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (!HttpMethods.IsHead(incoming.Method))
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static string Basic(RegistryCredentials credentials) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
}
