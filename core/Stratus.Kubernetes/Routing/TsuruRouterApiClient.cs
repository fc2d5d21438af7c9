using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Routing;

/// <summary>
/// A client of Tsuru's router API (tsuru/kubernetes-router's protocol): <c>PUT /api/backend/{app}</c> ensures the
/// backend with its prefixes and cnames, <c>DELETE</c> removes it, <c>/status</c> checks it.
/// </summary>
public sealed class TsuruRouterApiClient : IAppRouter
{
    private readonly HttpClient _http;
    private readonly TsuruRouterOptions _options;

    public TsuruRouterApiClient(HttpClient http, TsuruRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    public string Name => "tsuru-api";

    public async Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        using var request = Request(HttpMethod.Put, route.App, "");
        request.Content = new StringContent(BuildPayload(route).ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(request, allowNotFound: false, cancellationToken);
    }

    public async Task RemoveBackendAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Delete, app, "");
        using var response = await SendAsync(request, allowNotFound: true, cancellationToken);
    }

    /// <summary>The router's view of the backend: ready when its checks of <paramref name="checkPath"/> pass.</summary>
    public async Task<RouterBackendStatus> GetStatusAsync(string app, string checkPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Get, app, "/status?checkpath=" + Uri.EscapeDataString(string.IsNullOrEmpty(checkPath) ? "/" : checkPath));
        using var response = await SendAsync(request, allowNotFound: false, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        var checks = (body["checks"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => new RouterCheck(Text(c, "address") ?? "", Text(c, "status") ?? "", Text(c, "error")))
            .ToList() ?? [];
        return new RouterBackendStatus(Text(body, "status") ?? "", Text(body, "detail"), checks);
    }

    /// <summary>The addresses the router serves the app on.</summary>
    public async Task<IReadOnlyList<string>> GetAddressesAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Get, app, "");
        using var response = await SendAsync(request, allowNotFound: false, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        var addresses = (body["addresses"] as JsonArray)?.Select(a => a?.GetValue<string>()).OfType<string>().ToList() ?? [];
        if (addresses.Count == 0 && Text(body, "address") is { Length: > 0 } address)
        {
            addresses.Add(address);
        }

        return addresses;
    }

    /// <summary>The <c>PUT /backend/{name}</c> body: <c>{opts, cnames, team, tags, prefixes:[{prefix, target:{namespace, service}}]}</c>.</summary>
    public static JsonObject BuildPayload(RouteSpec route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var opts = new JsonObject();
        foreach (var (key, value) in route.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            opts[key] = value;
        }

        return new JsonObject
        {
            ["opts"] = opts,
            ["cnames"] = new JsonArray(route.Cnames.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["team"] = route.Team,
            ["tags"] = new JsonArray(route.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["prefixes"] = new JsonArray(route.Prefixes.Select(p => (JsonNode?)new JsonObject
            {
                ["prefix"] = p.Prefix,
                ["target"] = new JsonObject { ["namespace"] = p.Namespace, ["service"] = p.Service },
            }).ToArray()),
        };
    }

    private HttpRequestMessage Request(HttpMethod method, string app, string suffix)
    {
        var root = _options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/api" + (string.IsNullOrEmpty(_options.Mode) ? "" : "/" + Uri.EscapeDataString(_options.Mode));
        var request = new HttpRequestMessage(method, new Uri($"{root}/backend/{Uri.EscapeDataString(app)}{suffix}"));
        if (!string.IsNullOrEmpty(_options.Instance))
        {
            request.Headers.Add("X-Router-Instance", _options.Instance);
        }

        if (!string.IsNullOrEmpty(_options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool allowNotFound, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RouterException(
                response.StatusCode,
                body,
                $"Router {request.Method} {request.RequestUri?.AbsolutePath} failed with {(int)response.StatusCode}: {(string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase : body.Trim())}");
        }
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            throw new RouterException(response.StatusCode, text, "The router answered with something other than JSON.", e);
        }
    }

    private static string? Text(JsonObject obj, string property) =>
        obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
