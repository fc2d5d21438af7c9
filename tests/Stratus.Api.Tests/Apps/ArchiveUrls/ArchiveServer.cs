using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Stratus.Api.Tests.Apps.Pipeline;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.ArchiveUrls;

/// <summary>
/// What an archive URL points at in the tests: a Kestrel server on a loopback port serving a one-file site as
/// <c>/app.tar.gz</c>, and <c>/redirect?to=…</c> answering 302 to any URL. It counts the requests it gets, so a test
/// can tell a refused fetch (no request) from a failed one.
/// </summary>
internal sealed class ArchiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private ArchiveServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<ArchiveServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new ArchiveServer(app, port);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            return next(context);
        });
        var archive = AppPipelineServer.TarGz(new Dictionary<string, string> { ["index.html"] = "<h1>fetched</h1>" });
        app.MapGet("/app.tar.gz", () => Results.Bytes(archive, "application/gzip"));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        await app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
