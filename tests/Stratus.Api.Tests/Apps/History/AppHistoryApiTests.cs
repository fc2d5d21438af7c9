using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps.Deploys;
using Stratus.Apps.Versions;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.History;

public sealed class AppHistoryApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private DeployStore Deploys => api.Services.GetRequiredService<DeployStore>();

    [Fact]
    public async Task ListDeploys_SkipAndLimit_PageNewestFirst()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var other = await TestApps.CreateAsync(client, ct);
        var first = await RecordAsync(app, 1, ct);
        var second = await RecordAsync(app, 2, ct);
        var third = await RecordAsync(app, 3, ct);
        await RecordAsync(other, 1, ct);

        var all = await IdsAsync(client, $"/api/v1/apps/{app}/deploys", ct);
        var page = await IdsAsync(client, $"/api/v1/apps/{app}/deploys?skip=1&limit=1", ct);
        var beyond = await IdsAsync(client, $"/api/v1/apps/{app}/deploys?skip=3", ct);

        Assert.Equal([third.Id, second.Id, first.Id], all);
        Assert.Equal([second.Id], page);
        Assert.Empty(beyond);
    }

    [Fact]
    public async Task GetDeploy_Finished_ShowsTsurusFields()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var started = await RecordAsync(app, 4, ct);
        await Deploys.UpdateAsync(started.Id, d => d with { FinishedAt = d.StartedAt.AddSeconds(42.5), CanRollback = true }, ct);

        var deploy = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/deploys/{started.Id}", ct);

        Assert.Equal(started.Id, deploy.GetProperty("id").GetString());
        Assert.Equal(app, deploy.GetProperty("app").GetString());
        Assert.Equal(4, deploy.GetProperty("version").GetInt32());
        Assert.Equal("127.0.0.1:5999/t/app:v4", deploy.GetProperty("image").GetString());
        Assert.Equal("user:deployer", deploy.GetProperty("user").GetString());
        Assert.Equal("image", deploy.GetProperty("origin").GetString());
        Assert.Equal("release 4", deploy.GetProperty("message").GetString());
        Assert.Equal(started.StartedAt, deploy.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(42.5, deploy.GetProperty("duration").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, deploy.GetProperty("error").ValueKind);
        Assert.True(deploy.GetProperty("canRollback").GetBoolean());
    }

    [Fact]
    public async Task GetDeploy_OtherAppsGarbageOrUnknown_Returns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var other = await TestApps.CreateAsync(client, ct);
        var foreign = await RecordAsync(other, 1, ct);

        using var ofOther = await client.GetAsync(new Uri($"/api/v1/apps/{app}/deploys/{foreign.Id}", UriKind.Relative), ct);
        using var garbage = await client.GetAsync(new Uri($"/api/v1/apps/{app}/deploys/garbage", UriKind.Relative), ct);
        using var noApp = await client.GetAsync(new Uri("/api/v1/apps/no-such-app/deploys", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotFound, ofOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noApp.StatusCode);
    }

    [Theory]
    [InlineData("?skip=-1", "skip counts deploys to leave out")]
    [InlineData("?limit=0", "limit must be between 1 and 200")]
    public async Task ListDeploys_InvalidPaging_Returns400(string query, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/deploys{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVersions_NewestFirst_WithRollbackState()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var versions = api.Services.GetRequiredService<AppVersionStore>();
        var one = await versions.AllocateAsync(app, "user:deployer", null, ct);
        await versions.UpdateAsync(app, one.Number, v => v with { Image = "127.0.0.1:5999/t/app:v1", Status = AppVersionStatus.Deployed, Successful = true }, ct);
        await versions.AllocateAsync(app, "user:deployer", null, ct);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/versions", ct);
        using var noApp = await client.GetAsync(new Uri("/api/v1/apps/no-such-app/versions", UriKind.Relative), ct);

        Assert.Equal([2, 1], list.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("building", list[0].GetProperty("status").GetString());
        Assert.False(list[0].GetProperty("canRollback").GetBoolean());
        Assert.True(list[1].GetProperty("canRollback").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, noApp.StatusCode);
    }

    private Task<Deploy> RecordAsync(string app, int version, CancellationToken cancellationToken) =>
        Deploys.CreateAsync(new Deploy("", app, version, $"127.0.0.1:5999/t/app:v{version}", "user:deployer", DeployOrigins.Image, $"release {version}", default, null, null, false, null), cancellationToken);

    private static async Task<List<string?>> IdsAsync(HttpClient client, string path, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<JsonElement>(path, cancellationToken)).EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
}
