using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Containers.Oci;

namespace Stratus.Containers.Tests.Registry;

/// <summary>
/// A real Kestrel on 127.0.0.1 speaking just enough of the distribution API to misbehave on purpose: the first
/// <see cref="ManifestFailures"/> manifest GETs answer 503, and every blob upload PUT or PATCH answers 503. Every
/// request is recorded, so a test can count what the client (and its resilience pipeline) actually sent.
/// </summary>
internal sealed class FlakyRegistry : IAsyncDisposable
{
    public static readonly byte[] Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":2},"layers":[]}"""u8.ToArray();

    private readonly WebApplication _app;
    private int _manifestGets;

    private FlakyRegistry(int manifestFailures)
    {
        ManifestFailures = manifestFailures;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public int ManifestFailures { get; }

    /// <summary><c>127.0.0.1:port</c>, for image references.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Method and path of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FlakyRegistry> StartAsync(int manifestFailures = 0)
    {
        var registry = new FlakyRegistry(manifestFailures);
        await registry._app.StartAsync();
        registry.Address = new Uri(registry._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Authority;
        return registry;
    }

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathContains, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}");

        // Drain the body, so a rejected upload is still one whole request on the wire, not a reset connection.
        await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsGet(request.Method) && path.Contains("/manifests/", StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref _manifestGets) <= ManifestFailures)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = OciMediaTypes.ImageManifest;
            await context.Response.Body.WriteAsync(Manifest, context.RequestAborted);
            return;
        }

        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers.Location = path + "session-1";
            return;
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        // Upload PUTs and PATCHes (and anything else): the registry is "overloaded".
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }
}
