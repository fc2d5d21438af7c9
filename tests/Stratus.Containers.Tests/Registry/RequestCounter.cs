using System.Collections.Concurrent;

namespace Stratus.Containers.Tests.Registry;

/// <summary>Counts the real requests a client sends (by method), so tests can see chunking and skipping on the wire.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<(HttpMethod Method, string Path, long Length)> _requests = new();

    public RequestCounter()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<(HttpMethod Method, string Path, long Length)> Requests => [.. _requests];

    public int Count(HttpMethod method) => _requests.Count(r => r.Method == method);

    public void Clear() => _requests.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentLength ?? 0));
        return await base.SendAsync(request, cancellationToken);
    }
}
