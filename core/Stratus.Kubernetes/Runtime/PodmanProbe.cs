using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// A manifest's <c>readinessProbe</c> or <c>startupProbe</c>, run by Stratus because <c>podman kube play</c> ignores
/// both. Under host networking the unit listens on its own port, so <c>httpGet</c> and <c>tcpSocket</c> go to
/// <c>127.0.0.1:&lt;unit port&gt;</c> whatever port the manifest names (Kubernetes' container port), with the
/// probe's scheme and headers; <c>exec</c> runs in the unit's container with <c>podman exec</c>. The probe rides along
/// as a container label, so the units of a restarted host can still be probed.
/// </summary>
internal sealed record PodmanProbe(string Kind, string? Path, IReadOnlyList<string>? Command, int TimeoutSeconds)
{
    public const string HttpGet = "httpGet";
    public const string TcpSocket = "tcpSocket";
    public const string Exec = "exec";
    public const string Readiness = "readinessProbe";
    public const string Startup = "startupProbe";

    /// <summary><c>http</c> or <c>https</c>, for <see cref="HttpGet"/>.</summary>
    public string Scheme { get; init; } = "http";

    /// <summary>Headers an <see cref="HttpGet"/> probe sends, in the manifest's order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <param name="kind"><see cref="Readiness"/> or <see cref="Startup"/>.</param>
    public static PodmanProbe? FromContainer(JsonObject container, string kind = Readiness)
    {
        if (container[kind] is not JsonObject probe)
        {
            return null;
        }

        var timeout = probe["timeoutSeconds"] is JsonValue t && t.TryGetValue<int>(out var seconds) && seconds > 0 ? seconds : 1;
        if (probe["httpGet"] is JsonObject http)
        {
            var path = http["path"]?.GetValue<string>() ?? "/";
            return new PodmanProbe(HttpGet, path.StartsWith('/') ? path : "/" + path, null, timeout)
            {
                Scheme = http["scheme"]?.GetValue<string>()?.ToLowerInvariant() == "https" ? "https" : "http",
                Headers = Pairs((http["httpHeaders"] as JsonArray ?? [])
                    .Select(h => new KeyValuePair<string, string>(h?["name"]?.GetValue<string>() ?? "", h?["value"]?.GetValue<string>() ?? ""))
                    .Where(h => h.Key.Length > 0)
                    .ToList()),
            };
        }

        if (probe["tcpSocket"] is JsonObject)
        {
            return new PodmanProbe(TcpSocket, null, null, timeout);
        }

        if (probe["exec"]?["command"] is JsonArray command)
        {
            return new PodmanProbe(Exec, null, command.Select(c => c?.GetValue<string>() ?? "").ToList(), timeout);
        }

        throw new NotSupportedException("The podman runtime runs httpGet, tcpSocket and exec readiness probes only.");
    }

    public static PodmanProbe? FromLabel(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(label) as JsonObject;
            if (node?["kind"]?.GetValue<string>() is not { } kind)
            {
                return null;
            }

            var command = node["command"] is JsonArray array ? array.Select(c => c?.GetValue<string>() ?? "").ToList() : null;
            var timeout = node["timeout"]?.GetValue<int>() ?? 1;
            var headers = Pairs((node["headers"] as JsonArray ?? [])
                .Select(h => new KeyValuePair<string, string>(h?[0]?.GetValue<string>() ?? "", h?[1]?.GetValue<string>() ?? "")).ToList());
            return new PodmanProbe(kind, node["path"]?.GetValue<string>(), command, timeout)
            {
                Scheme = node["scheme"]?.GetValue<string>() == "https" ? "https" : "http",
                Headers = headers,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // The shared empty list when there are none, so probes without headers compare equal.
    private static IReadOnlyList<KeyValuePair<string, string>> Pairs(List<KeyValuePair<string, string>> pairs) => pairs.Count == 0 ? Array.Empty<KeyValuePair<string, string>>() : pairs;

    public string ToLabel()
    {
        var node = new JsonObject { ["kind"] = Kind, ["timeout"] = TimeoutSeconds };
        if (Path is not null)
        {
            node["path"] = Path;
        }

        if (Command is not null)
        {
            node["command"] = new JsonArray(Command.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }

        if (Kind == HttpGet && Scheme != "http")
        {
            node["scheme"] = Scheme;
        }

        if (Headers.Count > 0)
        {
            node["headers"] = new JsonArray(Headers.Select(h => (JsonNode?)new JsonArray(JsonValue.Create(h.Key), JsonValue.Create(h.Value))).ToArray());
        }

        return node.ToJsonString();
    }

    public string Describe() => Kind switch
    {
        HttpGet => Scheme == "https" ? "GET https " + Path : "GET " + Path,
        TcpSocket => "TCP connect",
        _ => "exec " + string.Join(' ', Command ?? []),
    };

    /// <summary>Whether the unit is ready; a probe that errs or takes longer than its timeout is a failure, as in Kubernetes.</summary>
    /// <param name="http">The <see cref="PodmanProbeHttpClient.Name"/> client: no proxy, no redirects, no retries.</param>
    public async Task<bool> CheckAsync(PodmanCli cli, HttpClient http, string container, int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout < limit ? timeout : limit);
        try
        {
            switch (Kind)
            {
                case HttpGet when port > 0:
                    using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(string.Create(CultureInfo.InvariantCulture, $"{Scheme}://127.0.0.1:{port}{Path}"))))
                    {
                        request.Headers.ConnectionClose = true;
                        foreach (var (name, value) in Headers)
                        {
                            // As the kubelet does, a Host header replaces the request's host.
                            request.Headers.Remove(name);
                            request.Headers.TryAddWithoutValidation(name, value);
                        }

                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
                        return (int)response.StatusCode is >= 200 and < 400;
                    }

                case TcpSocket when port > 0:
                    using (var client = new TcpClient())
                    {
                        await client.ConnectAsync(IPAddress.Loopback, port, timeoutSource.Token);
                        return true;
                    }

                case Exec:
                    var result = await cli.RunAsync(["exec", container, .. Command ?? []], null, timeoutSource.Token);
                    return result.Succeeded;

                default:
                    return false;
            }
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or System.Security.Authentication.AuthenticationException ||
                                  (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
