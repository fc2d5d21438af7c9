using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Http;
using Stratus.Kubernetes.Client;

namespace Stratus.Kubernetes.Tests.Fakes;

/// <summary>
/// A recording fake of the Kubernetes API (no API server is obtainable here): server-side apply stores objects by
/// kind and name with generation/uid/resourceVersion/managedFields as the real server keeps them, GET/LIST (with
/// equality label selectors and paging)/DELETE serve them, pod logs come from <see cref="PodLogs"/>, and Deployment
/// status is scripted by <see cref="Rollout"/>. A Deployment watch (<c>watch=true</c>) streams newline-delimited events,
/// chunked: the current state (ADDED) unless a resourceVersion is given, then a MODIFIED for every scripted status change.
/// </summary>
public sealed class FakeKubernetesApiServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Plural, string Name), JsonObject> _objects = [];
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _watched = new(StringComparer.Ordinal);
    private readonly List<Failure> _failures = [];
    private readonly List<KubernetesClientFactory> _factories = [];
    private readonly CancellationTokenSource _stopping = new();
    private RecordingServer _server = null!;
    private long _resourceVersion = 100;
    private int _watches;
    private int _openWatches;

    public Uri BaseUrl => _server.BaseUrl;

    public IReadOnlyCollection<FakeApiRequest> Requests => _server.Requests;

    public RolloutScript Rollout { get; set; } = FakeRollouts.Ready;

    /// <summary>Logs by <c>pod/container</c> (current) and <c>pod/container/previous</c>.</summary>
    public ConcurrentDictionary<string, string> PodLogs { get; } = new(StringComparer.Ordinal);

    /// <summary>Items per list page (the client must follow <c>continue</c>).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>The bearer token requests must carry.</summary>
    public string ExpectedToken { get; set; } = "test-token";

    /// <summary>The first watch is closed by the server after this many events (as a real server closes watches at its timeout).</summary>
    public int? CloseFirstWatchAfter { get; set; }

    /// <summary>Scripted statuses a watch computes per Deployment before it just stays open.</summary>
    public int WatchRounds { get; set; } = 20;

    public static async Task<FakeKubernetesApiServer> StartAsync()
    {
        var fake = new FakeKubernetesApiServer();
        fake._server = await RecordingServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    /// <summary>A client as a pool gets it (through the factory: tracing and retry handlers included), with the test token.</summary>
    public IKubernetes Client()
    {
        var factory = new KubernetesClientFactory(new KubernetesAuthOptions { Token = "test-token" }, TimeProvider.System);
        lock (_gate)
        {
            _factories.Add(factory);
        }

        return factory.Create(BaseUrl.AbsoluteUri);
    }

    /// <summary>Watches whose connection is still open (the client has not gone away).</summary>
    public int OpenWatches => Volatile.Read(ref _openWatches);

    public IReadOnlyList<FakeApiRequest> Watches =>
        Requests.Where(r => r.Method == "GET" && r.HasQuery("watch=true")).ToList();

    /// <summary>Stores an object as if it already existed (a previous version's Deployment, a pod).</summary>
    public void Seed(string plural, JsonObject item)
    {
        // Through text, as the real server would hold it: numbers read back at any width.
        var copy = (JsonObject)JsonNode.Parse(item.ToJsonString())!;
        var metadata = (JsonObject)copy["metadata"]!;
        metadata["uid"] ??= Guid.NewGuid().ToString();
        metadata["resourceVersion"] ??= NextVersion();
        metadata["generation"] ??= 1;
        metadata["creationTimestamp"] ??= "2025-12-31T00:00:00Z";

        // Through text again, so the defaults just set read back at any width too (a re-apply reads the generation as long).
        copy = (JsonObject)JsonNode.Parse(copy.ToJsonString())!;
        lock (_gate)
        {
            _objects[(plural, metadata["name"]!.GetValue<string>())] = copy;
        }
    }

    public JsonObject? Get(string plural, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((plural, name), out var item) ? (JsonObject)item.DeepClone() : null;
        }
    }

    public IReadOnlyList<string> Names(string plural)
    {
        lock (_gate)
        {
            return _objects.Keys.Where(k => k.Plural == plural).Select(k => k.Name).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Answers matching requests with a Status error (the first <paramref name="times"/> of them).</summary>
    public void FailWhen(Func<FakeApiRequest, bool> when, int status, string reason, string message, int times = int.MaxValue)
    {
        lock (_gate)
        {
            _failures.Add(new Failure(when, status, reason, message) { Remaining = times });
        }
    }

    public IReadOnlyList<FakeApiRequest> Applies(string plural, string name) =>
        Requests.Where(r => r.Method == "PATCH" && r.Path.EndsWith($"/{plural}/{name}", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        // Open watches and followed logs end with the server, or stopping Kestrel would wait out its shutdown timeout.
        await _stopping.CancelAsync();
        await _server.DisposeAsync();
        _stopping.Dispose();
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private async Task HandleAsync(FakeApiRequest request, HttpContext context)
    {
        Failure? failure;
        lock (_gate)
        {
            failure = _failures.FirstOrDefault(f => f.Remaining > 0 && f.When(request));
            if (failure is not null)
            {
                failure.Remaining--;
            }
        }

        if (failure is not null)
        {
            await WriteAsync(context, failure.Status, StatusObject(failure.Status, failure.Reason, failure.Message));
            return;
        }

        if (request.Header("authorization") != $"Bearer {ExpectedToken}")
        {
            await WriteAsync(context, 401, StatusObject(401, "Unauthorized", "Unauthorized"));
            return;
        }

        var route = Route.Parse(request.Path);
        if (route is null)
        {
            await WriteAsync(context, 404, StatusObject(404, "NotFound", $"the server could not find the requested resource ({request.Path})"));
            return;
        }

        var query = context.Request.Query;
        switch (request.Method)
        {
            case "PATCH" when route.Name is not null && !route.Log:
                await ApplyAsync(request, context, route);
                return;
            case "GET" when route.Log:
                await LogAsync(context, route, query);
                return;
            case "GET" when route.Name is null && route.Plural == "deployments" && query["watch"] == "true":
                await WatchAsync(context, query["labelSelector"].ToString(), query["resourceVersion"].ToString());
                return;
            case "GET" when route.Name is not null:
                var item = Read(route);
                await (item is null
                    ? WriteAsync(context, 404, StatusObject(404, "NotFound", $"{route.Plural} \"{route.Name}\" not found"))
                    : WriteAsync(context, 200, item));
                return;
            case "GET":
                await WriteAsync(context, 200, List(route, query["labelSelector"].ToString(), query["continue"].ToString()));
                return;
            case "DELETE" when route.Name is not null:
                JsonObject? removed;
                lock (_gate)
                {
                    _objects.Remove((route.Plural, route.Name), out removed);
                }

                // As the real server: a Service comes back as the deleted object, the other kinds as a Status.
                await (removed is null
                    ? WriteAsync(context, 404, StatusObject(404, "NotFound", $"{route.Plural} \"{route.Name}\" not found"))
                    : WriteAsync(context, 200, route.Plural == "services" ? removed : new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success" }));
                return;
            default:
                await WriteAsync(context, 405, StatusObject(405, "MethodNotAllowed", "method not allowed"));
                return;
        }
    }

    private async Task ApplyAsync(FakeApiRequest request, HttpContext context, Route route)
    {
        if (request.ContentType != "application/apply-patch+yaml" && request.ContentType?.StartsWith("application/apply-patch+yaml;", StringComparison.Ordinal) != true)
        {
            await WriteAsync(context, 415, StatusObject(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml ({request.ContentType})"));
            return;
        }

        if (!request.HasQuery("force=true"))
        {
            await WriteAsync(context, 409, StatusObject(409, "Conflict", "Apply failed with 1 conflict: conflict with \"kubectl\" (the fake insists on force=true)"));
            return;
        }

        if (!request.HasQuery("fieldManager=stratus"))
        {
            await WriteAsync(context, 422, StatusObject(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
            return;
        }

        var applied = request.Json;
        var metadata = (JsonObject)applied["metadata"]!;
        if (metadata["name"]?.GetValue<string>() != route.Name)
        {
            await WriteAsync(context, 400, StatusObject(400, "BadRequest", "the name of the object does not match the name on the URL"));
            return;
        }

        JsonObject stored;
        var created = false;
        lock (_gate)
        {
            _objects.TryGetValue((route.Plural, route.Name!), out var existing);
            created = existing is null;
            stored = (JsonObject)applied.DeepClone();
            var storedMetadata = (JsonObject)stored["metadata"]!;
            var specChanged = existing is null || existing["spec"]?.ToJsonString() != applied["spec"]?.ToJsonString();
            var generation = existing?["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            storedMetadata["generation"] = specChanged ? generation + 1 : generation;
            storedMetadata["uid"] = existing?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
            storedMetadata["creationTimestamp"] = existing?["metadata"]?["creationTimestamp"]?.DeepClone() ?? "2026-01-01T00:00:00Z";
            storedMetadata["resourceVersion"] = NextVersion();
            storedMetadata["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "stratus", ["operation"] = "Apply" });
            if (existing?["status"] is { } status)
            {
                stored["status"] = status.DeepClone();
            }

            stored = (JsonObject)JsonNode.Parse(stored.ToJsonString())!;
            _objects[(route.Plural, route.Name!)] = stored;
            _reads[route.Name!] = 0;
            _watched.Remove(route.Name!);
            stored = (JsonObject)stored.DeepClone();
        }

        await WriteAsync(context, created ? 201 : 200, stored);
    }

    private JsonObject? Read(Route route)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((route.Plural, route.Name!), out var item))
            {
                return null;
            }

            if (route.Plural == "deployments")
            {
                var reads = _reads[route.Name!] = _reads.GetValueOrDefault(route.Name!) + 1;
                item["status"] = JsonNode.Parse(Rollout(item, reads).ToJsonString());
            }

            return (JsonObject)item.DeepClone();
        }
    }

    private List<JsonObject> Matching(string plural, string labelSelector)
    {
        var required = labelSelector.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: p[0], Value: p[1]))
            .ToList();
        lock (_gate)
        {
            return _objects
                .Where(o => o.Key.Plural == plural)
                .OrderBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => o.Value)
                .Where(o => required.All(r => o["metadata"]?["labels"]?[r.Key]?.GetValue<string>() == r.Value))
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
        }
    }

    private JsonObject List(Route route, string labelSelector, string continueToken)
    {
        var matching = Matching(route.Plural, labelSelector);

        var skip = string.IsNullOrEmpty(continueToken) ? 0 : int.Parse(continueToken, CultureInfo.InvariantCulture);
        var page = matching.Skip(skip).Take(PageSize).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = NextVersion() };
        if (skip + page.Count < matching.Count)
        {
            metadata["continue"] = (skip + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        return new JsonObject
        {
            ["kind"] = "List",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["items"] = new JsonArray(page.Select(p => (JsonNode?)p).ToArray()),
        };
    }

    private async Task LogAsync(HttpContext context, Route route, IQueryCollection query)
    {
        var previous = query["previous"] == "true";
        var key = $"{route.Name}/{query["container"]}" + (previous ? "/previous" : "");
        if (!PodLogs.TryGetValue(key, out var text))
        {
            await (previous
                ? WriteAsync(context, 400, StatusObject(400, "BadRequest", $"previous terminated container \"{query["container"]}\" in pod \"{route.Name}\" not found"))
                : WriteAsync(context, 200, ""));
            return;
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (int.TryParse(query["tailLines"], CultureInfo.InvariantCulture, out var tail))
        {
            lines = lines.TakeLast(tail).ToList();
        }

        var content = string.Concat(lines.Select(l => l + "\n"));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(content);
        if (query["follow"] == "true")
        {
            await context.Response.Body.FlushAsync();
            // A followed log stays open until the reader goes away.
            await StayOpenAsync(context);
        }
    }

    private async Task WatchAsync(HttpContext context, string labelSelector, string resourceVersion)
    {
        Interlocked.Increment(ref _openWatches);
        try
        {
            await StreamWatchAsync(context, labelSelector, resourceVersion);
        }
        finally
        {
            Interlocked.Decrement(ref _openWatches);
        }
    }

    private async Task StreamWatchAsync(HttpContext context, string labelSelector, string resourceVersion)
    {
        var connection = Interlocked.Increment(ref _watches);
        var limit = connection == 1 ? CloseFirstWatchAfter : null;
        var sent = 0;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync(context.RequestAborted);

        // Without a resourceVersion a watch starts with the current state, as the real server's does. Statuses are
        // computed as they are sent, so a watch closed early leaves the rest for the next one.
        for (var round = string.IsNullOrEmpty(resourceVersion) ? -1 : 0; round < WatchRounds; round++)
        {
            foreach (var (type, item) in NextStatuses(labelSelector, always: round < 0, budget: limit - sent))
            {
                var line = new JsonObject { ["type"] = type, ["object"] = item }.ToJsonString() + "\n";
                await context.Response.WriteAsync(line, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                sent++;
            }

            if (sent == limit)
            {
                return;
            }
        }

        // A watch stays open until the reader goes away.
        await StayOpenAsync(context);
    }

    /// <summary>Every matching Deployment's next scripted status; only the changed ones unless <paramref name="always"/>.</summary>
    private List<(string Type, JsonObject Object)> NextStatuses(string labelSelector, bool always, int? budget)
    {
        var events = new List<(string, JsonObject)>();
        foreach (var item in Matching("deployments", labelSelector))
        {
            if (events.Count == budget)
            {
                break;
            }

            var name = item["metadata"]!["name"]!.GetValue<string>();
            lock (_gate)
            {
                if (!_objects.TryGetValue(("deployments", name), out var stored))
                {
                    continue;
                }

                var reads = _reads[name] = _reads.GetValueOrDefault(name) + 1;
                var status = Rollout(stored, reads).ToJsonString();
                if (!always && _watched.GetValueOrDefault(name) == status)
                {
                    continue;
                }

                _watched[name] = status;
                stored["status"] = JsonNode.Parse(status);
                stored["metadata"]!["resourceVersion"] = NextVersion();
                events.Add((always ? "ADDED" : "MODIFIED", (JsonObject)stored.DeepClone()));
            }
        }

        return events;
    }

    private async Task StayOpenAsync(HttpContext context)
    {
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        await Task.Delay(Timeout.Infinite, open.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(body, Encoding.UTF8);
    }

    private string NextVersion() => Interlocked.Increment(ref _resourceVersion).ToString(CultureInfo.InvariantCulture);

    /// <summary><c>/api/v1/namespaces/{ns}/{plural}[/{name}[/log]]</c> or <c>/apis/{group}/{version}/namespaces/…</c>.</summary>
    private sealed record Route(string Namespace, string Plural, string? Name, bool Log)
    {
        public static Route? Parse(string path)
        {
            var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
            var start = segments switch
            {
                ["api", "v1", "namespaces", ..] => 3,
                ["apis", _, _, "namespaces", ..] => 4,
                _ => -1,
            };
            if (start < 0 || segments.Length < start + 2)
            {
                return null;
            }

            var rest = segments[start..];
            return rest.Length switch
            {
                2 => new Route(rest[0], rest[1], null, false),
                3 => new Route(rest[0], rest[1], rest[2], false),
                4 when rest[3] == "log" => new Route(rest[0], rest[1], rest[2], true),
                _ => null,
            };
        }
    }

    private sealed record Failure(Func<FakeApiRequest, bool> When, int Status, string Reason, string Message)
    {
        public int Remaining { get; set; }
    }
}
