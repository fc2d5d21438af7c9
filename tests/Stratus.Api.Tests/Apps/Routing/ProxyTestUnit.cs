using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Routing;

/// <summary>
/// An app unit for the local router's tests: a Kestrel server on a loopback port that echoes WebSocket messages
/// (<c>/echo</c>), reports the headers it received (<c>/headers</c>), counts an uploaded body (<c>/count</c>) and
/// streams a response in two parts, the second only once the test has read the first (<c>/stream</c>).
/// </summary>
internal sealed class ProxyTestUnit : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyTestUnit(WebApplication app, int port)
    {
        _app = app;
        Address = $"127.0.0.1:{port}";
    }

    public string Address { get; }

    /// <summary>Released by the test once it has read the first part of <c>/stream</c>.</summary>
    public TaskCompletionSource FirstPartRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<ProxyTestUnit> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var unit = new ProxyTestUnit(app, port);
        app.UseWebSockets();
        app.Map("/echo", unit.EchoAsync);
        app.MapGet("/headers", (HttpRequest request) => new Dictionary<string, string>
        {
            ["host"] = request.Host.Value ?? "",
            ["x-forwarded-for"] = request.Headers["X-Forwarded-For"].ToString(),
            ["x-forwarded-proto"] = request.Headers["X-Forwarded-Proto"].ToString(),
            ["x-forwarded-host"] = request.Headers["X-Forwarded-Host"].ToString(),
        });
        app.MapPost("/count", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        });
        app.MapGet("/stream", unit.StreamAsync);
        await app.StartAsync();
        return unit;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("first\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await FirstPartRead.Task.WaitAsync(context.RequestAborted);
        await context.Response.WriteAsync("second\n", context.RequestAborted);
    }
}
