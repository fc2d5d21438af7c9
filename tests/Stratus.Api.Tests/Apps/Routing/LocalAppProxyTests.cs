using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Apps.Routing;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Routing;

/// <summary>
/// The local router's proxy on a real Kestrel port, in front of a real unit on another: WebSockets, forwarding headers,
/// streaming both ways and failing over between units. Requests name the app in their Host header
/// (<c>&lt;app&gt;.localhost</c>); every connection goes to 127.0.0.1.
/// </summary>
public sealed class LocalAppProxyTests : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-proxy-").FullName;
    private readonly int _port = FreePort.Next();
    private ProxyTestUnit? _unit;

    public async Task InitializeAsync()
    {
        _unit = await ProxyTestUnit.StartAsync();
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_unit is not null)
        {
            await _unit.DisposeAsync();
        }

        Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task WebSocket_ThroughTheRouter_EchoesBothWays()
    {
        var ct = TestTimeout.Token();
        var app = await RouteAsync(ct, _unit!.Address);
        using var invoker = LoopbackInvoker();
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://{app}.localhost:{_port}/echo"), invoker, ct);
        foreach (var message in new[] { "hello", new string('x', 10_000) })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, ct);
            Assert.Equal(message, await ReceiveTextAsync(socket, ct));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Request_ThroughTheRouter_KeepsTheHostAndAppendsForwardingHeaders()
    {
        var ct = TestTimeout.Token();
        var app = await RouteAsync(ct, _unit!.Address);
        using var client = Client(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request, ct);
        var seen = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(ct);

        Assert.Equal($"{app}.localhost:{_port}", seen!["host"]);
        Assert.Equal("203.0.113.9, 127.0.0.1", seen["x-forwarded-for"]);
        Assert.Equal("http", seen["x-forwarded-proto"]);
        Assert.Equal($"{app}.localhost:{_port}", seen["x-forwarded-host"]);
    }

    [Fact]
    public async Task Response_ThroughTheRouter_StreamsWithoutBuffering()
    {
        var ct = TestTimeout.Token();
        var app = await RouteAsync(ct, _unit!.Address);
        using var client = Client(app);

        // The unit writes its second part only after the test has read the first: a buffering proxy would hang here.
        using var response = await client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        Assert.Equal("first", await reader.ReadLineAsync(ct));
        _unit.FirstPartRead.TrySetResult();
        Assert.Equal("second", await reader.ReadLineAsync(ct));
    }

    [Fact]
    public async Task Upload_ThroughTheRouter_StreamsTheWholeBody()
    {
        var ct = TestTimeout.Token();
        var app = await RouteAsync(ct, _unit!.Address);
        using var client = Client(app);
        var size = 32L * 1024 * 1024;

        using var response = await client.PostAsync("/count", new StreamContent(new PatternStream(size)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size, await response.Content.ReadFromJsonAsync<long>(ct));
    }

    [Fact]
    public async Task Request_FirstUnitGone_GoesToTheNextOne()
    {
        var ct = TestTimeout.Token();
        var gone = $"127.0.0.1:{FreePort.Next()}";
        var app = await RouteAsync(ct, gone, _unit!.Address);
        using var client = Client(app);

        // Round robin starts anywhere; either way every bodyless request ends at the live unit.
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/headers", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Request_OnlyUnitGone_Gets502Problem()
    {
        var ct = TestTimeout.Token();
        var app = await RouteAsync(ct, $"127.0.0.1:{FreePort.Next()}");
        using var client = Client(app);

        using var response = await client.PostAsync("/count", new ByteArrayContent(new byte[10]), ct);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Unit unreachable", problem.GetProperty("title").GetString());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
    }

    private async Task<string> RouteAsync(CancellationToken cancellationToken, params string[] addresses)
    {
        var app = "proxy-" + Guid.NewGuid().ToString("N")[..8];
        await Services.GetRequiredService<LocalRouteStore>()
            .ReplaceAsync(app, new Dictionary<string, LocalRoute> { [app] = new LocalRoute(app, "", addresses) }, cancellationToken);
        return app;
    }

    /// <summary>A client whose requests name the app's host and connect to this server on loopback.</summary>
    private HttpClient Client(string app) => new(LoopbackHandler(), disposeHandler: true)
    {
        BaseAddress = new Uri($"http://{app}.localhost:{_port}/"),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private HttpMessageInvoker LoopbackInvoker() => new(LoopbackHandler(), disposeHandler: true);

    private SocketsHttpHandler LoopbackHandler() => new()
    {
        UseProxy = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, _port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
        while (!received.EndOfMessage);

        return text.ToString();
    }
}
