using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Routing;

/// <summary>
/// A client of Tsuru's router API (<c>docs/reference/router_api.yaml</c>, served by tsuru/kubernetes-router), as
/// Tsuru's own client speaks it: paths under the pool's <c>api-url</c> (which already ends in <c>/api</c>) and an
/// optional mode segment; the v2 ensure (<c>PUT /backend/{name}</c> with <c>Content-Type: application/json; router=v2</c>,
/// without which a router takes the PUT for a legacy update and answers 404 for a new backend); certificates per cname.
/// </summary>
public sealed class TsuruRouterApiClient : IAppRouter
{
    /// <summary>The content type that makes a router treat <c>PUT /backend/{name}</c> as the v2 ensure.</summary>
    public const string EnsureContentType = "application/json; router=v2";

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

    /// <summary>
    /// The v2 ensure, then the certificates: each cname's certificate is put (after asking <c>/support/tls</c>), and the
    /// certificates unset since the last route are deleted.
    /// </summary>
    public async Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        using (var request = Request(HttpMethod.Put, Backend(route.App)))
        {
            request.Content = new StringContent(TsuruRouterPayload.Build(route).ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(EnsureContentType);
            using var response = await SendAsync(request, cancellationToken);
        }

        if (route.Certificates.Count > 0)
        {
            if (!await SupportsAsync("tls", cancellationToken))
            {
                throw new RouterException(HttpStatusCode.NotFound, "", $"The router does not support TLS (GET /support/tls answered 404), so it cannot serve the certificates of {string.Join(", ", route.Certificates.Keys)}.");
            }

            foreach (var (cname, certificate) in route.Certificates.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                await PutCertificateAsync(route.App, cname, certificate, cancellationToken);
            }
        }

        foreach (var cname in route.RemovedCertificates.Where(c => !route.Certificates.ContainsKey(c)))
        {
            await RemoveCertificateAsync(route.App, cname, cancellationToken);
        }
    }

    /// <summary><c>DELETE /backend/{name}</c>; a backend the router does not know is already gone.</summary>
    public async Task RemoveBackendAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Delete, Backend(app));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.NotFound);
    }

    /// <summary><c>GET /backend/{name}</c>: the addresses the app is published on (<c>addresses</c>, else <c>address</c>); none for a backend the router does not know.</summary>
    public async Task<IReadOnlyList<string>> GetAddressesAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Get, Backend(app));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var body = await TsuruRouterJson.ReadObjectAsync(response, cancellationToken);
        var addresses = TsuruRouterJson.Strings(body["addresses"]).ToList();
        if (addresses.Count == 0 && TsuruRouterJson.Text(body, "address") is { Length: > 0 } address)
        {
            addresses.Add(address);
        }

        return addresses;
    }

    /// <summary><c>GET /backend/{name}/status?checkpath=</c>: ready or not, and the router's check of each address (an HTTP status, or an error).</summary>
    public async Task<RouterBackendStatus> GetStatusAsync(string app, string? checkPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        var query = string.IsNullOrEmpty(checkPath) ? "" : "?checkpath=" + Uri.EscapeDataString(checkPath);
        using var request = Request(HttpMethod.Get, Backend(app) + "/status" + query);
        using var response = await SendAsync(request, cancellationToken);
        var body = await TsuruRouterJson.ReadObjectAsync(response, cancellationToken);
        var checks = (body["checks"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => new RouterCheck(TsuruRouterJson.Text(c, "address") ?? "", TsuruRouterJson.Integer(c, "status"), TsuruRouterJson.Text(c, "error") is { Length: > 0 } e ? e : null))
            .ToList() ?? [];
        return new RouterBackendStatus(TsuruRouterJson.Text(body, "status") ?? "", TsuruRouterJson.Text(body, "detail") is { Length: > 0 } d ? d : null, checks);
    }

    /// <summary><c>GET /backend/{name}/routes</c>: the addresses the router routes to (kubernetes-router always answers none).</summary>
    public async Task<IReadOnlyList<string>> GetRoutesAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Get, Backend(app) + "/routes");
        using var response = await SendAsync(request, cancellationToken);
        return TsuruRouterJson.Strings((await TsuruRouterJson.ReadObjectAsync(response, cancellationToken))["addresses"]).ToList();
    }

    /// <summary>The legacy <c>POST /backend/{name}/routes</c>: <c>{addresses, addressesWithPrefix:[{prefix, addresses}]}</c>.</summary>
    public async Task AddRoutesAsync(string app, IReadOnlyList<RouterRoute> routes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentNullException.ThrowIfNull(routes);
        var body = new JsonObject
        {
            ["addresses"] = TsuruRouterPayload.Strings(routes.Where(r => r.Prefix.Length == 0).SelectMany(r => r.Addresses)),
            ["addressesWithPrefix"] = new JsonArray(routes.Select(r => (JsonNode?)new JsonObject
            {
                ["prefix"] = r.Prefix,
                ["addresses"] = TsuruRouterPayload.Strings(r.Addresses),
            }).ToArray()),
        };
        await SendJsonAsync(HttpMethod.Post, Backend(app) + "/routes", body, cancellationToken);
    }

    /// <summary><c>POST /backend/{name}/swap</c> <c>{target, cnameOnly}</c>: exchanges the two apps' routes (or only their cnames).</summary>
    public Task SwapAsync(string app, string target, bool cnameOnly, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentException.ThrowIfNullOrEmpty(target);
        return SendJsonAsync(HttpMethod.Post, Backend(app) + "/swap", new JsonObject { ["target"] = target, ["cnameOnly"] = cnameOnly }, cancellationToken);
    }

    /// <summary><c>GET /backend/{name}/cname</c>: a JSON array of names, as the spec says, or Tsuru's <c>{cnames:[…]}</c>.</summary>
    public async Task<IReadOnlyList<string>> GetCnamesAsync(string app, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        using var request = Request(HttpMethod.Get, Backend(app) + "/cname");
        using var response = await SendAsync(request, cancellationToken);
        var body = await TsuruRouterJson.ReadAsync(response, cancellationToken);
        return TsuruRouterJson.Strings(body is JsonObject obj ? obj["cnames"] : body).ToList();
    }

    /// <summary><c>POST /backend/{name}/cname/{cname}</c>; a router that has it already answers 409 and it stays.</summary>
    public async Task SetCnameAsync(string app, string cname, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, Cname(app, cname));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.Conflict);
    }

    /// <summary><c>DELETE /backend/{name}/cname/{cname}</c>; one the router lacks is already gone.</summary>
    public async Task UnsetCnameAsync(string app, string cname, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, Cname(app, cname));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.NotFound);
    }

    /// <summary><c>PUT /backend/{name}/certificate/{cname}</c> <c>{certificate, key}</c>.</summary>
    public Task PutCertificateAsync(string app, string cname, RouteCertificate certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var body = new JsonObject { ["certificate"] = certificate.Certificate, ["key"] = certificate.Key };
        return SendJsonAsync(HttpMethod.Put, Certificate(app, cname), body, cancellationToken);
    }

    /// <summary><c>GET /backend/{name}/certificate/{cname}</c>: the certificate's PEM (a router never returns the key), or null.</summary>
    public async Task<string?> GetCertificateAsync(string app, string cname, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, Certificate(app, cname));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.NotFound);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : TsuruRouterJson.Text(await TsuruRouterJson.ReadObjectAsync(response, cancellationToken), "certificate");
    }

    /// <summary><c>DELETE /backend/{name}/certificate/{cname}</c>.</summary>
    /// <returns><c>false</c> when the router had no certificate for the cname.</returns>
    public async Task<bool> RemoveCertificateAsync(string app, string cname, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, Certificate(app, cname));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.NotFound);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary><c>PUT /backend/{name}/healthcheck</c> with Tsuru's <c>{path, status, body}</c>.</summary>
    public Task SetHealthcheckAsync(string app, RouterHealthcheck healthcheck, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentNullException.ThrowIfNull(healthcheck);
        var body = new JsonObject { ["path"] = healthcheck.Path, ["status"] = healthcheck.Status, ["body"] = healthcheck.Body ?? "" };
        return SendJsonAsync(HttpMethod.Put, Backend(app) + "/healthcheck", body, cancellationToken);
    }

    /// <summary><c>GET /support/{feature}</c> (<c>tls</c>, <c>info</c>, <c>status</c>, <c>prefix</c>, <c>v2</c>): 200 yes, 404 no, as Tsuru reads it.</summary>
    public async Task<bool> SupportsAsync(string feature, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(feature);
        using var request = Request(HttpMethod.Get, "support/" + Uri.EscapeDataString(feature));
        using var response = await SendAsync(request, cancellationToken, HttpStatusCode.NotFound);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary><c>GET /info</c>: the router's options and what each does.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetInfoAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "info");
        using var response = await SendAsync(request, cancellationToken);
        var body = await TsuruRouterJson.ReadObjectAsync(response, cancellationToken);
        return body.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => TsuruRouterJson.Text(body, p.Key) ?? p.Value!.ToJsonString(), StringComparer.Ordinal);
    }

    /// <summary><c>GET /healthcheck</c>: true when the router answers 2xx.</summary>
    public async Task<bool> HealthcheckAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "healthcheck");
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private static string Backend(string app) => "backend/" + Uri.EscapeDataString(app);

    private static string Cname(string app, string cname)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentException.ThrowIfNullOrEmpty(cname);
        return $"{Backend(app)}/cname/{Uri.EscapeDataString(cname)}";
    }

    private static string Certificate(string app, string cname)
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentException.ThrowIfNullOrEmpty(cname);
        return $"{Backend(app)}/certificate/{Uri.EscapeDataString(cname)}";
    }

    private async Task SendJsonAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var root = _options.ApiUrl.AbsoluteUri.TrimEnd('/') + (string.IsNullOrEmpty(_options.Mode) ? "" : "/" + Uri.EscapeDataString(_options.Mode));
        var request = new HttpRequestMessage(method, new Uri($"{root}/{path}"));
        foreach (var (name, value) in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

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

    /// <param name="tolerated">A status that is an answer here, not a failure (404 for a delete, 409 for an add).</param>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpStatusCode? tolerated = null)
    {
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == tolerated)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RouterException(
                response.StatusCode,
                body,
                string.Create(CultureInfo.InvariantCulture, $"Router {request.Method} {request.RequestUri?.AbsolutePath} failed with {(int)response.StatusCode}: {(string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase : body.Trim())}"));
        }
    }
}
