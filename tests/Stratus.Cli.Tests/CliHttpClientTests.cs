using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Stratus.Cli.Api;
using Stratus.Testing;

namespace Stratus.Cli.Tests;

/// <summary>The CLI's client against a real HttpListener on 127.0.0.1 whose first answer to each path is a 503.</summary>
public sealed class CliHttpClientTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public CliHttpClientTests()
    {
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    private Uri BaseUrl { get; }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SendAsync_GetAnswered503Once_IsRetriedAndSucceeds()
    {
        using var client = new StratusApiClient(BaseUrl, "token");

        var answer = await client.SendAsync(HttpMethod.Get, "v1/apps", null, TestTimeout.Token());

        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal(["GET /v1/apps", "GET /v1/apps"], _requests);
    }

    [Fact]
    public async Task SendAsync_PostAnswered503_IsSentOnce()
    {
        using var client = new StratusApiClient(BaseUrl, "token");

        await Assert.ThrowsAsync<StratusApiException>(() => client.SendAsync(HttpMethod.Post, "v1/apps", new { name = "web" }, TestTimeout.Token()));

        Assert.Equal(["POST /v1/apps"], _requests);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var key = $"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}";
            _requests.Enqueue(key);
            var first = _seen.AddOrUpdate(key, 1, (_, n) => n + 1) == 1;
            var body = first ? """{"title":"Restarting","status":503}"""u8.ToArray() : Encoding.UTF8.GetBytes("""{"ok":true}""");
            context.Response.StatusCode = first ? 503 : 200;
            context.Response.ContentType = first ? "application/problem+json" : "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
