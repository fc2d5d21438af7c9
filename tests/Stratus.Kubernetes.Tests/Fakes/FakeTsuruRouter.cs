using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>
/// A Tsuru router written from <c>docs/reference/router_api.yaml</c> and kubernetes-router's handlers: routes under
/// <c>/api</c> and <c>/api/{mode}</c>, backends kept in memory. It refuses what they refuse: a <c>PUT /backend/{name}</c>
/// without <c>router=v2</c> is a legacy update, so a backend it does not know is 404; operations on an unknown backend
/// are 404; a second cname is 409; a swapped backend cannot be removed (400). It records every request.
/// </summary>
public sealed class FakeTsuruRouter : IAsyncDisposable
{
    private static readonly string[] Features = ["tls", "info", "status", "prefix", "v2"];
    private readonly RecordingServer _server;

    private FakeTsuruRouter(RecordingServer server) => _server = server;

    public ConcurrentDictionary<string, Backend> Backends { get; } = new(StringComparer.Ordinal);

    /// <summary>Off: <c>GET /support/tls</c> answers 404 and certificate calls 404, as a router without TLS.</summary>
    public bool SupportsTls { get; set; } = true;

    /// <summary>When set, a request without <c>Authorization: Bearer {token}</c> is 401.</summary>
    public string? ExpectedToken { get; set; }

    /// <summary>Answers the next request with this status and body instead.</summary>
    public (int Status, string Body)? FailNext { get; set; }

    /// <summary>The router's root as Tsuru's <c>api-url</c> names it: with <c>/api</c>.</summary>
    public Uri ApiUrl => new(_server.BaseUrl, "api");

    public IReadOnlyList<FakeApiRequest> Requests => _server.Requests.ToList();

    public static async Task<FakeTsuruRouter> StartAsync()
    {
        FakeTsuruRouter? router = null;
        var server = await RecordingServer.StartAsync((request, context) => router!.HandleAsync(request, context));
        router = new FakeTsuruRouter(server);
        return router;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(FakeApiRequest request, HttpContext context)
    {
        var (status, body) = FailNext ?? Answer(request);
        FailNext = null;
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "text/plain";
            await context.Response.WriteAsync(body);
        }
    }

    private (int Status, string? Body) Answer(FakeApiRequest request)
    {
        if (ExpectedToken is not null && request.Header("Authorization") != "Bearer " + ExpectedToken)
        {
            return (401, "Not Authorized");
        }

        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count == 0 || segments[0] != "api")
        {
            return (404, "404 page not found");
        }

        // /api/{mode}/…: kubernetes-router serves every route under both.
        var rest = segments.Count > 1 && segments[1] is not ("backend" or "support" or "info" or "healthcheck") ? segments[2..] : segments[1..];
        return (request.Method, rest) switch
        {
            ("GET", ["healthcheck"]) => (200, "WORKING"),
            ("GET", ["info"]) => (200, """{"exposed-port":"Port to be exposed by the Load Balancer. Defaults to 80.","domain":"Domain of the app."}"""),
            ("GET", ["support", var feature]) => Features.Contains(feature) && (feature != "tls" || SupportsTls) ? (200, "OK") : (404, $"No {feature} capabilities"),
            ("PUT", ["backend", var name]) => Ensure(name, request),
            ("GET", ["backend", var name]) => WithBackend(name, b => (200, $$"""{"address":"{{name}}.router.test","addresses":["{{name}}.router.test"]}""")),
            ("DELETE", ["backend", var name]) => WithBackend(name, b => b.Swapped ? (400, "router swapped, cannot remove") : Backends.TryRemove(name, out _) ? (200, null) : (404, "backend not found")),
            ("GET", ["backend", var name, "status"]) => WithBackend(name, b => (200, Status(name, request))),
            ("GET", ["backend", var name, "routes"]) => WithBackend(name, b => (200, new JsonObject { ["addresses"] = Array(b.Routes) }.ToJsonString())),
            ("POST", ["backend", var name, "routes"]) => WithBackend(name, b => AddRoutes(b, request)),
            ("POST", ["backend", var name, "swap"]) => WithBackend(name, b => Swap(b, request)),
            ("PUT", ["backend", var name, "healthcheck"]) => WithBackend(name, b => Json(request) is { } hc ? Set(() => b.Healthcheck = hc) : (400, "invalid healthcheck")),
            ("GET", ["backend", var name, "cname"]) => WithBackend(name, b => (200, Array(b.Cnames).ToJsonString())),
            ("POST", ["backend", var name, "cname", var cname]) => WithBackend(name, b => b.Cnames.Contains(cname) ? (409, "cname already exists") : Set(() => b.Cnames.Add(cname))),
            ("DELETE", ["backend", var name, "cname", var cname]) => WithBackend(name, b => b.Cnames.Remove(cname) ? (200, null) : (404, "cname not found")),
            (_, ["backend", _, "certificate", _]) when !SupportsTls => (404, "No TLS Capabilities"),
            ("PUT", ["backend", var name, "certificate", var cname]) => WithBackend(name, b => Json(request) is { } cert && cert["certificate"] is JsonValue ? Set(() => b.Certificates[cname] = cert) : (400, "invalid certificate")),
            ("GET", ["backend", var name, "certificate", var cname]) => WithBackend(name, b => b.Certificates.TryGetValue(cname, out var cert)
                ? (200, new JsonObject { ["certificate"] = cert["certificate"]!.DeepClone() }.ToJsonString())
                : (404, null)),
            ("DELETE", ["backend", var name, "certificate", var cname]) => WithBackend(name, b => b.Certificates.Remove(cname) ? (200, null) : (404, null)),
            _ => (405, $"{request.Method} {request.Path} is not a route of the router API"),
        };
    }

    private (int, string?) Ensure(string name, FakeApiRequest request)
    {
        var v2 = request.ContentType?.Split(';').Select(p => p.Trim()).Contains("router=v2", StringComparer.OrdinalIgnoreCase) == true;
        if (!v2 && !Backends.ContainsKey(name))
        {
            return (404, "backend not found");
        }

        if (Json(request) is not { } body || body["prefixes"] is not JsonArray prefixes || body["opts"] is not JsonObject opts)
        {
            return (400, "the body must be {opts, cnames, prefixes, …}");
        }

        var backend = Backends.GetOrAdd(name, _ => new Backend());
        backend.Opts = opts;
        backend.Team = body["team"]?.GetValue<string>();
        backend.Cnames = Strings(body["cnames"]).ToList();
        backend.Tags = Strings(body["tags"]).ToList();
        backend.CertIssuers = (body["certIssuers"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
        backend.Prefixes = prefixes.OfType<JsonObject>().Select(p => (p["prefix"]!.GetValue<string>(), p["target"]!["namespace"]!.GetValue<string>(), p["target"]!["service"]!.GetValue<string>())).ToList();
        return (200, null);
    }

    private static string Status(string name, FakeApiRequest request)
    {
        var path = request.Query.TrimStart('?').Split('&').FirstOrDefault(q => q.StartsWith("checkpath=", StringComparison.Ordinal));
        var checks = path is null
            ? null
            : new JsonArray(new JsonObject { ["address"] = $"http://{name}.router.test", ["status"] = 200, ["error"] = "" }, new JsonObject { ["address"] = "http://10.0.0.9:8888", ["status"] = 0, ["error"] = "context deadline exceeded" });
        var status = new JsonObject { ["status"] = "ready", ["detail"] = "" };
        if (checks is not null)
        {
            status["checks"] = checks;
        }

        return status.ToJsonString();
    }

    private static (int, string?) AddRoutes(Backend backend, FakeApiRequest request)
    {
        if (Json(request) is not { } body)
        {
            return (400, "invalid routes");
        }

        backend.Routes.AddRange(Strings(body["addresses"]));
        backend.Routes.AddRange((body["addressesWithPrefix"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(r => Strings(r["addresses"])));
        return (200, null);
    }

    private (int, string?) Swap(Backend backend, FakeApiRequest request)
    {
        if (Json(request) is not { } body || body["target"]?.GetValue<string>() is not { } target || !Backends.TryGetValue(target, out var other))
        {
            return (404, "target backend not found");
        }

        backend.Swapped = other.Swapped = !backend.Swapped;
        backend.SwappedCnameOnly = body["cnameOnly"]?.GetValue<bool>() ?? false;
        return (200, null);
    }

    private (int, string?) WithBackend(string name, Func<Backend, (int, string?)> then) =>
        Backends.TryGetValue(name, out var backend) ? then(backend) : (404, "backend not found");

    private static (int, string?) Set(Action change)
    {
        change();
        return (200, null);
    }

    private static JsonObject? Json(FakeApiRequest request)
    {
        try
        {
            return JsonNode.Parse(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray)?.Select(v => v!.GetValue<string>()) ?? [];

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public sealed class Backend
    {
        public JsonObject Opts { get; set; } = [];

        public string? Team { get; set; }

        public List<string> Cnames { get; set; } = [];

        public List<string> Tags { get; set; } = [];

        public Dictionary<string, string> CertIssuers { get; set; } = [];

        public List<(string Prefix, string Namespace, string Service)> Prefixes { get; set; } = [];

        public List<string> Routes { get; } = [];

        public Dictionary<string, JsonObject> Certificates { get; } = new(StringComparer.Ordinal);

        public JsonObject? Healthcheck { get; set; }

        public bool Swapped { get; set; }

        public bool SwappedCnameOnly { get; set; }
    }
}
