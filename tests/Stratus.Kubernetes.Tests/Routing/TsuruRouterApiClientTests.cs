using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Routing;

public sealed class TsuruRouterApiClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private RecordingServer _server = null!;
    private Func<FakeApiRequest, (int Status, string Body)> _answer = _ => (200, "");

    public static RouteSpec Route() => new(
        App: "myapp",
        Team: "team-a",
        Cnames: ["www.example.com"],
        Prefixes:
        [
            new RoutePrefix("", "apps", "myapp-web", 8888, ["10.0.0.5:8888"]),
            new RoutePrefix("worker.process", "apps", "myapp-worker", 8080, []),
            new RoutePrefix("v3.version", "apps", "myapp-web-v3", 8888, []),
        ],
        Options: new Dictionary<string, string> { ["tsuru.io/pool"] = "pool-1", ["exposed-port"] = "8888" },
        Tags: ["tag-1"]);

    public async Task InitializeAsync()
    {
        _server = await RecordingServer.StartAsync(async (request, context) =>
        {
            var (status, body) = _answer(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EnsureBackendAsync_Route_PutsTsuruPayloadWithHeaders()
    {
        await Client(instance: "router-a", token: "secret").EnsureBackendAsync(Route(), TestTimeout.Token());

        var request = _server.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/api/backend/myapp", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("router-a", request.Header("X-Router-Instance"));
        Assert.Equal("Bearer secret", request.Header("Authorization"));
        Assert.Equal(
            """
            {"opts":{"exposed-port":"8888","tsuru.io/pool":"pool-1"},"cnames":["www.example.com"],"team":"team-a","tags":["tag-1"],"prefixes":[{"prefix":"","target":{"namespace":"apps","service":"myapp-web"}},{"prefix":"worker.process","target":{"namespace":"apps","service":"myapp-worker"}},{"prefix":"v3.version","target":{"namespace":"apps","service":"myapp-web-v3"}}]}
            """,
            request.Body);
    }

    [Fact]
    public async Task EnsureBackendAsync_WithMode_RoutesUnderTheMode()
    {
        await Client(mode: "ingress-nginx").EnsureBackendAsync(Route(), TestTimeout.Token());

        var request = _server.Requests.Single();
        Assert.Equal("/api/ingress-nginx/backend/myapp", request.Path);
        Assert.Null(request.Header("X-Router-Instance"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task EnsureBackendAsync_RouterFails_RouterExceptionWithBody()
    {
        _answer = _ => (500, """{"error":"service myapp-web not found"}""");

        var error = await Assert.ThrowsAsync<RouterException>(() => Client().EnsureBackendAsync(Route(), TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("service myapp-web not found", error.Body, StringComparison.Ordinal);
        Assert.Contains("service myapp-web not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveBackendAsync_MissingBackend_Tolerated()
    {
        _answer = _ => (404, """{"error":"not found"}""");

        await Client().RemoveBackendAsync("myapp", TestTimeout.Token());

        var request = _server.Requests.Single();
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("/api/backend/myapp", request.Path);
    }

    [Fact]
    public async Task GetStatusAsync_NotReady_ParsesChecks()
    {
        _answer = _ => (200, """{"status":"not ready","detail":"1 of 2 failed","checks":[{"address":"10.0.0.5:8888","status":"ok"},{"address":"10.0.0.6:8888","status":"fail","error":"timeout"}]}""");

        var status = await Client().GetStatusAsync("myapp", "/healthz", TestTimeout.Token());

        Assert.False(status.Ready);
        Assert.Equal("1 of 2 failed", status.Detail);
        Assert.Equal(new RouterCheck("10.0.0.6:8888", "fail", "timeout"), status.Checks[1]);
        var request = _server.Requests.Single();
        Assert.Equal("/api/backend/myapp/status", request.Path);
        Assert.Equal("?checkpath=%2Fhealthz", request.Query);
    }

    [Fact]
    public async Task GetAddressesAsync_Backend_Addresses()
    {
        _answer = _ => (200, """{"address":"myapp.example.com","addresses":["myapp.example.com","10.0.0.1"]}""");

        Assert.Equal(["myapp.example.com", "10.0.0.1"], await Client().GetAddressesAsync("myapp", TestTimeout.Token()));
    }

    private TsuruRouterApiClient Client(string? instance = null, string? token = null, string? mode = null) =>
        new(_http, new TsuruRouterOptions { BaseUrl = _server.BaseUrl, Instance = instance, Token = token, Mode = mode });
}
