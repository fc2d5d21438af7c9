using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Routing;

/// <summary>The router client against <see cref="FakeTsuruRouter"/>, a router written from Tsuru's router API spec: every operation the client has.</summary>
public sealed class TsuruRouterApiClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeTsuruRouter _router = null!;

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
        Options: new Dictionary<string, string> { ["exposed-port"] = "8888", ["tsuru.io/app-pool"] = "not-this-one" },
        Tags: ["tag-1"])
    {
        Pool = "pool-1",
    };

    public async Task InitializeAsync() => _router = await FakeTsuruRouter.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task EnsureBackendAsync_NewBackend_PutsV2PayloadUnderTheApiUrl()
    {
        await Client(instance: "router-a", token: "secret").EnsureBackendAsync(Route() with { Cnames = [] }, TestTimeout.Token());

        var request = _router.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/api/backend/myapp", request.Path);
        Assert.Equal("application/json; router=v2", request.ContentType);
        Assert.Equal("router-a", request.Header("X-Router-Instance"));
        Assert.Equal("Bearer secret", request.Header("Authorization"));
        Assert.Equal(
            """
            {"opts":{"exposed-port":"8888","tsuru.io/app-pool":"pool-1","tsuru.io/app-teamowner":"team-a","tsuru.io/app-teams":["team-a"]},"cnames":[],"team":"team-a","tags":["tag-1"],"prefixes":[{"prefix":"","target":{"namespace":"apps","service":"myapp-web"}},{"prefix":"worker.process","target":{"namespace":"apps","service":"myapp-worker"}},{"prefix":"v3.version","target":{"namespace":"apps","service":"myapp-web-v3"}}]}
            """,
            request.Body);
        var backend = _router.Backends["myapp"];
        Assert.Equal([("", "apps", "myapp-web"), ("worker.process", "apps", "myapp-worker"), ("v3.version", "apps", "myapp-web-v3")], backend.Prefixes);
    }

    [Fact]
    public async Task EnsureBackendAsync_PrefixOfALaterPort_LeftOutAsTargetsHaveNoPort()
    {
        var route = Route() with
        {
            Cnames = [],
            Prefixes =
            [
                new RoutePrefix("http.port.api.process", "apps", "myapp-api", 8080, []),
                new RoutePrefix("admin.port.api.process", "apps", "myapp-api", 9090, []) { NeedsPortTarget = true },
            ],
        };

        await Client().EnsureBackendAsync(route, TestTimeout.Token());

        Assert.Equal([("http.port.api.process", "apps", "myapp-api")], _router.Backends["myapp"].Prefixes);
    }

    [Fact]
    public async Task FakeRouter_PutWithoutV2ForNewBackend_NotFoundAsTsurusRouter()
    {
        using var content = new StringContent(TsuruRouterPayload.Build(Route()).ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await _http.PutAsync(new Uri(_router.ApiUrl + "/backend/myapp"), content, TestTimeout.Token());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_router.Backends);
    }

    [Fact]
    public async Task EnsureBackendAsync_TeamsAndIssuers_SentAsTsuruDoes()
    {
        var route = Route() with { Cnames = ["www.example.com", "api.example.com"], Tags = [] };
        route = route with { Teams = ["team-a", "team-b"], CertIssuers = new Dictionary<string, string> { ["api.example.com"] = "letsencrypt" } };

        await Client().EnsureBackendAsync(route, TestTimeout.Token());

        var body = _router.Requests.First().Json;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["team-a","team-b"]"""), body["opts"]!["tsuru.io/app-teams"]));
        Assert.Null(body["tags"]);
        Assert.Equal(new Dictionary<string, string> { ["api.example.com"] = "letsencrypt" }, _router.Backends["myapp"].CertIssuers);
        // No certificate to put or delete: kubernetes-router fails a delete of one it lacks, so none is sent.
        Assert.Single(_router.Requests);
    }

    [Fact]
    public async Task EnsureBackendAsync_Certificate_PutAfterTheBackendAndDeletedOnlyWhenUnset()
    {
        var withCert = Route() with { Certificates = new Dictionary<string, RouteCertificate> { ["www.example.com"] = new("CERT-PEM", "KEY-PEM") } };

        await Client().EnsureBackendAsync(withCert, TestTimeout.Token());
        Assert.Equal("CERT-PEM", await Client().GetCertificateAsync("myapp", "www.example.com", TestTimeout.Token()));
        Assert.Equal("KEY-PEM", _router.Backends["myapp"].Certificates["www.example.com"]["key"]!.GetValue<string>());

        await Client().EnsureBackendAsync(Route() with { RemovedCertificates = ["www.example.com"] }, TestTimeout.Token());
        Assert.Null(await Client().GetCertificateAsync("myapp", "www.example.com", TestTimeout.Token()));
        Assert.Equal(
            ["PUT /api/backend/myapp", "GET /api/support/tls", "PUT /api/backend/myapp/certificate/www.example.com", "GET /api/backend/myapp/certificate/www.example.com",
                "PUT /api/backend/myapp", "DELETE /api/backend/myapp/certificate/www.example.com", "GET /api/backend/myapp/certificate/www.example.com"],
            _router.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task EnsureBackendAsync_CertificateButRouterWithoutTls_RouterExceptionNamingTheCname()
    {
        _router.SupportsTls = false;
        var withCert = Route() with { Certificates = new Dictionary<string, RouteCertificate> { ["www.example.com"] = new("CERT-PEM", "KEY-PEM") } };

        var error = await Assert.ThrowsAsync<RouterException>(() => Client().EnsureBackendAsync(withCert, TestTimeout.Token()));

        Assert.Contains("www.example.com", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY-PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureBackendAsync_WithModeAndHeaders_RoutesUnderTheMode()
    {
        var client = new TsuruRouterApiClient(_http, new TsuruRouterOptions
        {
            ApiUrl = _router.ApiUrl,
            Mode = "ingress-nginx",
            Headers = new Dictionary<string, string> { ["X-Router-Opt"] = "http-only=true" },
        });

        await client.EnsureBackendAsync(Route() with { Cnames = [] }, TestTimeout.Token());

        var request = _router.Requests.Single();
        Assert.Equal("/api/ingress-nginx/backend/myapp", request.Path);
        Assert.Equal("http-only=true", request.Header("X-Router-Opt"));
        Assert.Null(request.Header("X-Router-Instance"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task EnsureBackendAsync_RouterFails_RouterExceptionWithBody()
    {
        _router.FailNext = (500, """{"error":"service myapp-web not found"}""");

        var error = await Assert.ThrowsAsync<RouterException>(() => Client().EnsureBackendAsync(Route(), TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("service myapp-web not found", error.Body, StringComparison.Ordinal);
        Assert.Contains("service myapp-web not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureBackendAsync_WrongToken_Unauthorized()
    {
        _router.ExpectedToken = "right";

        var error = await Assert.ThrowsAsync<RouterException>(() => Client(token: "wrong").EnsureBackendAsync(Route(), TestTimeout.Token()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task RemoveBackendAsync_Twice_DeletesThenToleratesNotFound()
    {
        await Client().EnsureBackendAsync(Route(), TestTimeout.Token());

        await Client().RemoveBackendAsync("myapp", TestTimeout.Token());
        await Client().RemoveBackendAsync("myapp", TestTimeout.Token());

        Assert.Empty(_router.Backends);
        Assert.Equal(2, _router.Requests.Count(r => r.Method == "DELETE" && r.Path == "/api/backend/myapp"));
    }

    [Fact]
    public async Task GetAddressesAsync_KnownAndUnknownBackend_AddressesOrNone()
    {
        await Client().EnsureBackendAsync(Route(), TestTimeout.Token());

        Assert.Equal(["myapp.router.test"], await Client().GetAddressesAsync("myapp", TestTimeout.Token()));
        Assert.Empty(await Client().GetAddressesAsync("other", TestTimeout.Token()));
    }

    [Fact]
    public async Task GetStatusAsync_CheckPath_ParsesChecksWithHttpStatusCodes()
    {
        await Client().EnsureBackendAsync(Route(), TestTimeout.Token());

        var status = await Client().GetStatusAsync("myapp", "/healthz", TestTimeout.Token());

        Assert.True(status.Ready);
        Assert.Null(status.Detail);
        Assert.Equal([new RouterCheck("http://myapp.router.test", 200, null), new RouterCheck("http://10.0.0.9:8888", 0, "context deadline exceeded")], status.Checks);
        var request = _router.Requests.Last();
        Assert.Equal("/api/backend/myapp/status", request.Path);
        Assert.Equal("?checkpath=%2Fhealthz", request.Query);
    }

    [Fact]
    public async Task AddRoutesAsync_ThenGetRoutesAsync_ListsTheAddresses()
    {
        await Client().EnsureBackendAsync(Route(), TestTimeout.Token());

        await Client().AddRoutesAsync("myapp", [new RouterRoute("", ["http://10.0.0.5:8888"]), new RouterRoute("worker.process", ["http://10.0.0.6:8080"])], TestTimeout.Token());

        Assert.Equal(["http://10.0.0.5:8888", "http://10.0.0.5:8888", "http://10.0.0.6:8080"], await Client().GetRoutesAsync("myapp", TestTimeout.Token()));
        var post = _router.Requests.Single(r => r.Method == "POST");
        Assert.Equal("worker.process", post.Json["addressesWithPrefix"]![1]!["prefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task SwapAsync_TwoBackends_SwappedAndThenNotRemovable()
    {
        await Client().EnsureBackendAsync(Route(), TestTimeout.Token());
        await Client().EnsureBackendAsync(Route() with { App = "other" }, TestTimeout.Token());

        await Client().SwapAsync("myapp", "other", cnameOnly: true, TestTimeout.Token());

        Assert.True(_router.Backends["other"].Swapped);
        Assert.True(_router.Backends["myapp"].SwappedCnameOnly);
        var error = await Assert.ThrowsAsync<RouterException>(() => Client().RemoveBackendAsync("myapp", TestTimeout.Token()));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        var missing = await Assert.ThrowsAsync<RouterException>(() => Client().SwapAsync("myapp", "nope", cnameOnly: false, TestTimeout.Token()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SetCnameAsync_ThenUnset_ListedThenGoneAndRepeatsTolerated()
    {
        await Client().EnsureBackendAsync(Route() with { Cnames = [] }, TestTimeout.Token());

        await Client().SetCnameAsync("myapp", "a.example.com", TestTimeout.Token());
        await Client().SetCnameAsync("myapp", "a.example.com", TestTimeout.Token());
        Assert.Equal(["a.example.com"], await Client().GetCnamesAsync("myapp", TestTimeout.Token()));

        await Client().UnsetCnameAsync("myapp", "a.example.com", TestTimeout.Token());
        await Client().UnsetCnameAsync("myapp", "a.example.com", TestTimeout.Token());
        Assert.Empty(await Client().GetCnamesAsync("myapp", TestTimeout.Token()));
    }

    [Fact]
    public async Task CertificateOperations_PutGetRemove_RoundTrip()
    {
        await Client().EnsureBackendAsync(Route() with { Cnames = [] }, TestTimeout.Token());

        await Client().PutCertificateAsync("myapp", "www.example.com", new RouteCertificate("CERT", "KEY"), TestTimeout.Token());
        Assert.Equal("CERT", await Client().GetCertificateAsync("myapp", "www.example.com", TestTimeout.Token()));

        Assert.True(await Client().RemoveCertificateAsync("myapp", "www.example.com", TestTimeout.Token()));
        Assert.False(await Client().RemoveCertificateAsync("myapp", "www.example.com", TestTimeout.Token()));
        Assert.Null(await Client().GetCertificateAsync("myapp", "www.example.com", TestTimeout.Token()));
    }

    [Fact]
    public async Task SetHealthcheckAsync_Check_SentAsTsurusHealthcheckData()
    {
        await Client().EnsureBackendAsync(Route(), TestTimeout.Token());

        await Client().SetHealthcheckAsync("myapp", new RouterHealthcheck("/healthz", 200, "ok"), TestTimeout.Token());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"path":"/healthz","status":200,"body":"ok"}"""), _router.Backends["myapp"].Healthcheck));
        Assert.True(await Client().HealthcheckAsync(TestTimeout.Token()));
    }

    [Fact]
    public async Task SupportsAsync_KnownAndUnknownFeature_TrueAndFalse()
    {
        Assert.True(await Client().SupportsAsync("v2", TestTimeout.Token()));
        Assert.True(await Client().SupportsAsync("tls", TestTimeout.Token()));
        Assert.False(await Client().SupportsAsync("cname", TestTimeout.Token()));
    }

    [Fact]
    public async Task GetInfoAsync_Router_OptionsAndTheirMeaning()
    {
        var info = await Client().GetInfoAsync(TestTimeout.Token());

        Assert.Equal("Domain of the app.", info["domain"]);
        Assert.Contains("exposed-port", info.Keys);
    }

    [Fact]
    public async Task UnknownBackend_EveryBackendOperation_NotFound()
    {
        var client = Client();
        var calls = new Func<Task>[]
        {
            () => client.GetStatusAsync("nope", null, TestTimeout.Token()),
            () => client.GetRoutesAsync("nope", TestTimeout.Token()),
            () => client.GetCnamesAsync("nope", TestTimeout.Token()),
            () => client.SetCnameAsync("nope", "a.example.com", TestTimeout.Token()),
            () => client.PutCertificateAsync("nope", "a.example.com", new RouteCertificate("C", "K"), TestTimeout.Token()),
            () => client.SetHealthcheckAsync("nope", new RouterHealthcheck("/"), TestTimeout.Token()),
        };

        foreach (var call in calls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RouterException>(call)).StatusCode);
        }
    }

    private TsuruRouterApiClient Client(string? instance = null, string? token = null) =>
        new(_http, new TsuruRouterOptions { ApiUrl = _router.ApiUrl, Instance = instance, Token = token });
}
