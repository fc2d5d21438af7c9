using System.Collections.Concurrent;
using System.Net;
using Stratus.Testing;

namespace Stratus.Infra.Tests.Execution;

/// <summary>An HttpListener on 127.0.0.1 answering from a handler and recording every request.</summary>
public sealed class TinyHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, (int Status, byte[] Body)> _handler;
    private readonly Task _loop;

    public TinyHttpServer(Func<RecordedRequest, (int Status, byte[] Body)> handler)
    {
        _handler = handler;
        var port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Dispose()
    {
        // Close alone: Stop then Close makes the managed listener re-bind the port to remove its prefixes a second
        // time, which fails when a parallel test has taken the port meanwhile.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
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

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"], body.ToArray());
            Requests.Enqueue(request);
            var (status, content) = _handler(request);
            context.Response.StatusCode = status;
            context.Response.ContentLength64 = content.Length;
            await context.Response.OutputStream.WriteAsync(content);
            context.Response.Close();
        }
    }
}
