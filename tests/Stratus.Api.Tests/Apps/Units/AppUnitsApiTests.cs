using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps.Apps;
using Stratus.Apps.Versions;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Units;

public sealed class AppUnitsApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task ListUnits_AppNeverDeployed_ReturnsAnEmptyListOr503WithoutPodman()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/units", UriKind.Relative), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        if (Executables.OnPath("podman"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, body.GetArrayLength());
        }
        else
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("podman", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListUnits_RuntimeUnreachable_Returns503NamingTheRuntime()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, UnreachableCluster(), ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/units", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("kubernetes runtime of pool", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"did not answer for app '{app}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAndRemoveUnits_Deltas_ChangeTheWantedCount()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        // A process never scaled runs 1 unit: adding 2 makes 3.
        var added = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Put, $"/api/v1/apps/{app}/units") { Content = JsonContent.Create(new { process = "web", units = 2 }) }, ct);
        var afterAdd = await WebUnitsAsync(client, app, ct);
        var removed = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/units?process=web&units=1"), ct);
        var afterRemove = await WebUnitsAsync(client, app, ct);
        using var tooMany = await client.DeleteAsync(new Uri($"/api/v1/apps/{app}/units?process=web&units=3", UriKind.Relative), ct);
        var tooManyProblem = await tooMany.Content.ReadFromJsonAsync<JsonElement>(ct);
        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/units?process=web&units=2"), ct);
        var afterAll = await WebUnitsAsync(client, app, ct);

        Assert.Equal("app.update.unit", added.GetProperty("kind").GetString());
        Assert.Equal("succeeded", added.GetProperty("status").GetString());
        Assert.Equal(3, afterAdd);
        Assert.Equal("succeeded", removed.GetProperty("status").GetString());
        Assert.Equal(2, afterRemove);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("has 2 unit(s); 3 cannot be removed", tooManyProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, afterAll);
    }

    [Fact]
    public async Task AddUnits_NoProcessOnAnAppNeverDeployed_ScalesWeb()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Put, $"/api/v1/apps/{app}/units") { Content = JsonContent.Create(new { units = 1 }) }, ct);

        Assert.Equal(2, await WebUnitsAsync(client, app, ct));
    }

    [Theory]
    [InlineData("""{"process": "web", "units": 0}""", "at least 1")]
    [InlineData("""{"process": "web"}""", "at least 1")]
    [InlineData("""{"process": "web.1", "units": 1}""", "process name 'web.1' is not valid")]
    [InlineData("""{"process": "web", "units": 1000}""", "would pass the limit of 1000")]
    [InlineData("""{"process": "web", "unit": 1}""", "property this endpoint does not know")]
    [InlineData("""{"process": "web", "units": "two"}""", "wrong type")]
    public async Task AddUnits_InvalidBody_Returns400NamingTheProblem(string body, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.PutAsync(new Uri($"/api/v1/apps/{app}/units", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?process=web", "at least 1")]
    [InlineData("?process=web&units=0", "at least 1")]
    [InlineData("?process=web.1&units=1", "process name 'web.1' is not valid")]
    public async Task RemoveUnits_InvalidQuery_Returns400(string query, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/apps/{app}/units{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUnits_ProcessTheServingVersionLacks_Returns400NamingItsProcesses()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        await ServeVersionAsync(app, new Dictionary<string, string> { ["web"] = "httpd", ["worker"] = "run" }, ct);

        using var unknown = await client.PutAsJsonAsync($"/api/v1/apps/{app}/units", new { process = "clock", units = 1 }, ct);
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("has no process 'clock'; it has web, worker", unknownProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUnits_NoProcessAndNoWebProcess_Returns400AskingForOne()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        await ServeVersionAsync(app, new Dictionary<string, string> { ["api"] = "a", ["worker"] = "w" }, ct);

        using var response = await client.PutAsJsonAsync($"/api/v1/apps/{app}/units", new { units = 1 }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Name the process", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("api, worker", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/units")]
    [InlineData("PUT", "/units")]
    [InlineData("DELETE", "/units?process=web&units=1")]
    public async Task Units_UnknownApp_Returns404(string method, string rest)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/apps/no-such-app{rest}")
        {
            Content = method == "PUT" ? JsonContent.Create(new { process = "web", units = 1 }) : null,
        };

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<int> WebUnitsAsync(HttpClient client, string app, CancellationToken cancellationToken) =>
        (await TestApps.GetAppAsync(client, app, cancellationToken)).GetProperty("processes").GetProperty("web").GetInt32();

    /// <summary>Records a version as serving, as a deploy would, without building or running it.</summary>
    private async Task ServeVersionAsync(string app, Dictionary<string, string> processes, CancellationToken cancellationToken)
    {
        var versions = api.Services.GetRequiredService<AppVersionStore>();
        var version = await versions.AllocateAsync(app, "test", null, cancellationToken);
        await versions.UpdateAsync(app, version.Number, v => v with { Processes = processes, Image = "127.0.0.1:5999/t/app:v1", Status = AppVersionStatus.Deployed, Successful = true }, cancellationToken);
        await api.Services.GetRequiredService<AppStore>().UpdateAsync(app, a => a with { CurrentVersion = version.Number }, cancellationToken);
    }

    /// <summary>A kubernetes pool whose API server is a loopback port nothing listens on.</summary>
    internal static object UnreachableCluster() => new
    {
        provisioner = "kubernetes",
        router = "ingress",
        kubernetes = new { server = $"https://127.0.0.1:{FreePort.Next()}", @namespace = "stratus-test" },
    };
}
