using Stratus.Apps.Pools;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Orchestrations.Apps;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Routing;

/// <summary>A <c>tsuru-api</c> pool's router options, as Tsuru names them, reach the fake router where its routes are.</summary>
public sealed class TsuruRouterSettingsTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeTsuruRouter _router = null!;

    public async Task InitializeAsync() => _router = await FakeTsuruRouter.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task From_ApiUrlAndLegacyUrl_BothReachApiBackend()
    {
        var tsuru = TsuruRouterSettings.From(Pool(new() { ["api-url"] = _router.ApiUrl.AbsoluteUri, ["header.X-Router-Opt"] = "a=b", ["mode"] = "service" }));
        var legacy = TsuruRouterSettings.From(Pool(new() { ["url"] = _router.ApiUrl.GetLeftPart(UriPartial.Authority) }));

        await new TsuruRouterApiClient(_http, tsuru).EnsureBackendAsync(TsuruRouterApiClientTests.Route() with { Cnames = [] }, TestTimeout.Token());
        await new TsuruRouterApiClient(_http, legacy).EnsureBackendAsync(TsuruRouterApiClientTests.Route() with { Cnames = [] }, TestTimeout.Token());

        Assert.Equal(["/api/service/backend/myapp", "/api/backend/myapp"], _router.Requests.Select(r => r.Path));
        Assert.Equal("a=b", _router.Requests.First().Header("X-Router-Opt"));
    }

    [Theory]
    [InlineData("api-url", "router:8077/api", "'api-url' is not an absolute URL")]
    [InlineData("domain", "example.com", "no 'api-url'")]
    public void From_BadOptions_SaysWhatToFix(string key, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TsuruRouterSettings.From(Pool(new() { [key] = value })));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Pool Pool(Dictionary<string, string> options) =>
        new("pool-1", "kubernetes", PoolRouters.TsuruApi, options, new PoolRegistry("127.0.0.1:5000", "apps", Insecure: true), null, false, []);
}
