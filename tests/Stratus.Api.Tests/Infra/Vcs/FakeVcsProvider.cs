using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Api.Tests.Infra.Vcs;

/// <summary>
/// GitHub's and GitLab's REST calls Stratus makes, as their API docs describe them, on loopback: commit statuses
/// (<c>POST /repos/{o}/{r}/statuses/{sha}</c>, <c>POST /projects/{id}/statuses/{sha}</c>) and comments
/// (<c>POST /repos/{o}/{r}/issues/{n}/comments</c>, <c>POST /projects/{id}/merge_requests/{iid}/notes</c>). It answers
/// 201 as the providers do, refuses a call without the provider's auth header with 401, and records each call.
/// </summary>
internal sealed class FakeVcsProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeVcsProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/repos/{owner}/{repo}/statuses/{sha}", (Func<HttpContext, Task<IResult>>)(c => RecordAsync(c, "github", "status")));
        _app.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", (Func<HttpContext, Task<IResult>>)(c => RecordAsync(c, "github", "comment")));
        _app.MapPost("/projects/{id}/statuses/{sha}", (Func<HttpContext, Task<IResult>>)(c => RecordAsync(c, "gitlab", "status")));
        _app.MapPost("/projects/{id}/merge_requests/{iid:int}/notes", (Func<HttpContext, Task<IResult>>)(c => RecordAsync(c, "gitlab", "comment")));
    }

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<ProviderCall> Calls { get; } = new();

    public static async Task<FakeVcsProvider> StartAsync()
    {
        var provider = new FakeVcsProvider();
        await provider._app.StartAsync();
        provider.BaseUrl = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> RecordAsync(HttpContext context, string provider, string kind)
    {
        var authorized = provider == "github"
            ? context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
            : context.Request.Headers.ContainsKey("PRIVATE-TOKEN");
        if (!authorized)
        {
            return Results.Json(new { message = "Requires authentication" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var token = provider == "github" ? context.Request.Headers.Authorization.ToString()["Bearer ".Length..] : context.Request.Headers["PRIVATE-TOKEN"].ToString();
        Calls.Enqueue(new ProviderCall(kind, context.Request.Path.Value!, token, body.RootElement.Clone()));
        return Results.Json(new { id = Calls.Count }, statusCode: StatusCodes.Status201Created);
    }

    internal sealed record ProviderCall(string Kind, string Path, string Token, JsonElement Body);
}
