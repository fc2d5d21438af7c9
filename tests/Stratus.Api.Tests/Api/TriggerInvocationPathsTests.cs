using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Triggers;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

/// <summary>
/// The standalone host fires its triggers from its own loops; nothing over HTTP invokes one. (The retired custom
/// handler served trigger invocations such as <c>POST /events</c>, which let any local process forge audit events.)
/// </summary>
public sealed class TriggerInvocationPathsTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    public static TheoryData<string> Paths()
    {
        // "/events" and "/admin/functions/events" come from the loop below (each path once: xunit skips duplicates).
        var paths = new TheoryData<string> { "/admin/host/status", "/runtime/webhooks/durabletask/instances", "/runtime/webhooks/eventgrid", "/api/events" };
        foreach (var name in new[] { "events", "storageMaintenance", "infraSchedules", "JobOrchestrator", "BuildAppActivity" })
        {
            paths.Add($"/{name}");
            paths.Add($"/admin/functions/{name}");
            paths.Add($"/runtime/webhooks/{name}");
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Post_TriggerInvocationPath_Is404Or405(string path)
    {
        using var client = api.CreateClient();
        using var content = new StringContent("""{"Data": {"kind": "identity.grant"}, "Metadata": {}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, TestTimeout.Token());

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST {path} answered {(int)response.StatusCode}");
    }

    [Fact]
    public void Endpoints_EveryRoute_IsUnderAnHttpFunctionPrefix()
    {
        _ = api.CreateClient();
        var prefixes = HttpFunctionRoutes.All.Select(f => "/" + HttpFunctionRoutes.Prefix(f.Route)).ToList();

        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(prefixes, p => route == p || route.StartsWith(p + "/", StringComparison.Ordinal)));
    }
}
