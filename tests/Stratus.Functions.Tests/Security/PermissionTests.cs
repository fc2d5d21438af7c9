using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Functions.Security;
using Stratus.Testing;

namespace Stratus.Functions.Tests.Security;

public sealed class PermissionTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public void Endpoints_UnderApi_AllDeclareAPermission()
    {
        using var scope = api.Services.CreateScope();
        var endpoints = scope.ServiceProvider.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(
            e.Metadata.GetMetadata<RequiredPermission>() is not null,
            $"{e.DisplayName} ({e.RoutePattern.RawText}) declares no permission; add .RequirePermission(...)."));
    }

    [Fact]
    public async Task Request_EvaluatorRefuses_Returns403ProblemNamingThePermission()
    {
        using var denying = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPermissionEvaluator, DenyAll>()));
        using var client = denying.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/info", UriKind.Relative), TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("platform.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private sealed class DenyAll : IPermissionEvaluator
    {
        public ValueTask<bool> IsAllowedAsync(HttpContext context, string permission, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
