using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Apps.Logs;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Api.Tests.Apps.Units;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Logs;

public sealed class AppLogsApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("?follow=true&lines=5")]
    public async Task GetLog_AppWithoutUnits_ReturnsEmptyTextOr503WithoutPodman(string query)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/log{query}", UriKind.Relative), ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        if (Executables.OnPath("podman"))
        {
            // With no unit to follow, a follow has nothing to wait for and ends.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("", text);
        }
        else
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("podman", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("?follow=true")]
    public async Task GetLog_RuntimeUnreachable_Returns503(string query)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, AppUnitsApiTests.UnreachableCluster(), ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/log{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("did not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?lines=0", "lines must be between 1 and 10000; it was 0")]
    [InlineData("?lines=10001", "lines must be between 1 and 10000; it was 10001")]
    [InlineData("?process=web.1", "process name 'web.1' is not valid")]
    public async Task GetLog_InvalidQuery_Returns400(string query, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/log{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLog_UnknownApp_Returns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/apps/no-such-app/log", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Format_LogLine_PrintsTimeProcessUnitAndText()
    {
        var line = new UnitLogLine(new DateTimeOffset(2025, 1, 31, 12, 0, 1, 250, TimeSpan.FromHours(2)), "blog-web-1", "web", "GET / 200");

        Assert.Equal("2025-01-31T10:00:01.250Z [web][blog-web-1]: GET / 200", AppLogsApi.Format(line));
    }
}
