using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.AzureFunctions.Http;
using Stratus.Identity.Tokens;
using Stratus.Testing.Functions;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// The Azure app's composition (<c>AddStratusAzureFunctions</c>), started, on the embedded store in a data folder of
/// its own, so tests can invoke its function classes directly: HTTP functions with a real <see cref="HttpContext"/>,
/// timers and queues with their trigger payloads, activities with their inputs. The <c>[DurableClient]</c> binding is
/// played by <see cref="DurableClientBinding"/>.
/// </summary>
public sealed class AzureFunctionsAppFixture : IDisposable
{
    private readonly WebApplication _app;
    private readonly DurableClientBinding _durable;

    public AzureFunctionsAppFixture()
    {
        DataPath = Directory.CreateTempSubdirectory("stratus-azfn-app-").FullName;
        _durable = new DurableClientBinding(DataPath);

        // A web application only for what the worker's ASP.NET Core integration provides (the web host environment);
        // nothing is served through it: the tests call the functions.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Storage:Provider"] = "Embedded",
            ["Stratus:Storage:DataPath"] = DataPath,
            ["Stratus:Identity:BootstrapAdminToken"] = AdminToken,
        });
        builder.Services.AddStratusAzureFunctions(builder.Configuration);
        _app = builder.Build();
        _app.Start();
    }

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public string DataPath { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The client the <c>[DurableClient]</c> binding hands the functions.</summary>
    public DurableTaskClient Durable => _durable.Client;

    /// <summary>
    /// Invokes the <c>api</c> HTTP function with a real <see cref="HttpContext"/> whose services are an invocation scope,
    /// as the worker's ASP.NET Core integration builds it, and returns the status and body the endpoint wrote.
    /// </summary>
    public Task<(int Status, JsonElement Body)> InvokeApiAsync(HttpMethod method, string path, object? body = null, string? token = "admin", CancellationToken cancellationToken = default) =>
        InvokeHttpAsync((functions, request) => functions.Api(request, Durable), method, path, body, token, cancellationToken);

    /// <summary>Invokes one of the HTTP functions, as <see cref="InvokeApiAsync"/> does the <c>api</c> one.</summary>
    internal async Task<(int Status, JsonElement Body)> InvokeHttpAsync(
        Func<HttpFunctions, HttpRequest, Task> function, HttpMethod method, string path, object? body = null, string? token = "admin", CancellationToken cancellationToken = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method.Method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + (token == "admin" ? AdminToken : token);
        }

        if (body is not null)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(body);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = json.Length;
            context.Request.Body = new MemoryStream(json);
        }

        using var response = new MemoryStream();
        context.Response.Body = response;
        context.RequestAborted = cancellationToken;

        await function(ActivatorUtilities.CreateInstance<HttpFunctions>(scope.ServiceProvider), context.Request);

        var text = Encoding.UTF8.GetString(response.ToArray());
        return (context.Response.StatusCode, text.Length == 0 || !(context.Response.ContentType ?? "").Contains("json", StringComparison.Ordinal)
            ? default
            : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Invokes the API and fails with the problem it returned unless the status is a success.</summary>
    public async Task<JsonElement> ApiAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        var (status, json) = await InvokeApiAsync(method, path, body, cancellationToken: cancellationToken);
        Assert.True(status is >= 200 and < 300, $"{method} {path} answered {status}: {json}");
        return json;
    }

    /// <summary>A new organization with a workspace named <c>main</c>, through the API function.</summary>
    public async Task<string> CreateWorkspaceAsync(CancellationToken cancellationToken)
    {
        var organization = "org-" + Guid.NewGuid().ToString("N")[..10];
        await ApiAsync(HttpMethod.Post, "/api/v1/organizations", new { name = organization }, cancellationToken);
        await ApiAsync(HttpMethod.Post, $"/api/v1/organizations/{organization}/workspaces", new { name = "main" }, cancellationToken);
        return organization;
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        _durable.Dispose();
        Directory.Delete(DataPath, recursive: true);
    }
}
