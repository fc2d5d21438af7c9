using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Api.Tests.Identity;
using Stratus.Api.Tests.Infra;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

/// <summary>
/// A field one character over its limit, or holding a control character, is a 400 that names it, and nothing is
/// written: one or more endpoints per area, each read back afterwards.
/// </summary>
public sealed class RequestBodyLimitsApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private static string Chars(int count) => new('x', count);

    [Fact]
    public async Task UpdateApp_OneMebibyteDescription_Returns400AndKeepsTheOldOne()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        await new IdentityAdmin(client).SendAsync(HttpMethod.Put, $"/api/v1/apps/{app}", new { description = "before" }, ct);

        await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { description = Chars(1024 * 1024) }, "description", ct);

        Assert.Equal("before", (await TestApps.GetAppAsync(client, app, ct)).GetProperty("description").GetString());
    }

    [Fact]
    public async Task UpdateApp_FieldsOverTheirLimits_Return400AndChangeNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var before = (await TestApps.GetAppAsync(client, app, ct)).GetRawText();

        await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { description = Chars(4097) }, "description", ct);
        await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { tags = new[] { "ok", Chars(65) } }, "tags", ct);
        await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { tags = Enumerable.Range(0, 33).Select(i => $"t{i}") }, "tags", ct);
        await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { routerOpts = new Dictionary<string, string> { ["domain"] = Chars(257) } }, "routerOpts", ct);
        await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { routerOpts = new Dictionary<string, string> { [Chars(65)] = "x" } }, "routerOpts", ct);

        Assert.Equal(before, (await TestApps.GetAppAsync(client, app, ct)).GetRawText());
    }

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m")]
    [InlineData("bell\u0007")]
    [InlineData("nul\u0000")]
    [InlineData("del\u007f")]
    [InlineData("c1\u009b31m")]
    public async Task CreateApp_ControlCharactersInDescription_Returns400(string description)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = "ctl-" + Guid.NewGuid().ToString("N")[..10];

        var detail = await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/apps", new { name, description }, "description", ct);

        Assert.Contains("control character", detail, StringComparison.Ordinal);
        using var get = await client.GetAsync(new Uri($"/api/v1/apps/{name}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task UpdateApp_MultiLineDescription_IsKept()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var description = "line one\r\n\tline two\n" + Chars(4096 - 20);

        await new IdentityAdmin(client).SendAsync(HttpMethod.Put, $"/api/v1/apps/{app}", new { description }, ct);

        Assert.Equal(description, (await TestApps.GetAppAsync(client, app, ct)).GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("new\nline")]
    [InlineData("esc\u001b[2J")]
    public async Task UpdateApp_ControlCharacterInTag_Returns400(string tag)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        var detail = await AssertRefusedAsync(client, HttpMethod.Put, $"/api/v1/apps/{app}", new { tags = new[] { tag } }, "tags", ct);

        Assert.Contains("entry 0", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnv_ValueOverLimit_Returns400NamingTheEntryAndSetsNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        await AssertRefusedAsync(client, HttpMethod.Post, $"/api/v1/apps/{app}/env",
            new { envs = new[] { new { name = "A", value = "1" }, new { name = "B", value = Chars(16 * 1024 + 1) } }, noRestart = true }, "envs[1].value", ct);

        var env = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/env", ct);
        Assert.DoesNotContain("\"A\"", env.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolsAndPlatforms_FieldsOverTheirLimits_Return400AndCreateNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var suffix = Guid.NewGuid().ToString("N")[..10];

        await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/pools",
            new { name = $"pool-{suffix}", routerOptions = new Dictionary<string, string> { ["domain"] = Chars(257) }, registry = new { address = "127.0.0.1:5999", @namespace = "t" } },
            "routerOptions", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/pools",
            new { name = $"pool-{suffix}", registry = new { address = Chars(2049), @namespace = "t" } }, "registry.address", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/platforms", new { name = $"plat-{suffix}", image = Chars(513) }, "image", ct);

        using var pool = await client.GetAsync(new Uri($"/api/v1/pools/pool-{suffix}", UriKind.Relative), ct);
        using var platform = await client.GetAsync(new Uri($"/api/v1/platforms/plat-{suffix}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, pool.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, platform.StatusCode);
    }

    [Fact]
    public async Task Identity_FieldsOverTheirLimitsOrWithControlCharacters_Return400AndChangeNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var user = "user-" + Guid.NewGuid().ToString("N")[..10];
        var team = "team-" + Guid.NewGuid().ToString("N")[..10];
        var identity = new IdentityAdmin(client);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/users", new { name = user, displayName = "Before" }, ct);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/teams", new { name = team, description = "before" }, ct);

        await AssertRefusedAsync(client, HttpMethod.Patch, $"/api/v1/users/{user}", new { displayName = Chars(257) }, "displayName", ct);
        await AssertRefusedAsync(client, HttpMethod.Patch, $"/api/v1/users/{user}", new { displayName = "\u001b]0;pwned\u0007" }, "displayName", ct);
        await AssertRefusedAsync(client, HttpMethod.Patch, $"/api/v1/teams/{team}", new { description = Chars(4097) }, "description", ct);
        await AssertRefusedAsync(client, HttpMethod.Patch, $"/api/v1/teams/{team}", new { groups = new[] { Chars(129) } }, "groups", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/roles", new { name = "r-" + team, permissions = new[] { Chars(65) } }, "permissions", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"/api/v1/users/{user}/tokens", new { name = Chars(65) }, "name", ct);

        var shownUser = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user}", ct);
        var shownTeam = await client.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{team}", ct);
        using var role = await client.GetAsync(new Uri($"/api/v1/roles/r-{team}", UriKind.Relative), ct);
        Assert.Equal("Before", shownUser.GetProperty("displayName").GetString());
        Assert.Equal("before", shownTeam.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NotFound, role.StatusCode);
    }

    [Fact]
    public async Task Infra_FieldsOverTheirLimits_Return400AndChangeNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        var workspace = "ws-" + Guid.NewGuid().ToString("N")[..8];
        await infra.CreateWorkspaceAsync(org, new { name = workspace, description = "before" }, ct);
        var ws = $"/api/v1/organizations/{org}/workspaces/{workspace}";

        await AssertRefusedAsync(client, HttpMethod.Patch, $"/api/v1/organizations/{org}", new { description = Chars(4097) }, "description", ct);
        await AssertRefusedAsync(client, HttpMethod.Patch, ws, new { description = Chars(4097) }, "description", ct);
        await AssertRefusedAsync(client, HttpMethod.Patch, ws, new { tags = new[] { "a\u001bb" } }, "tags", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"{ws}/variables", new { key = "big", value = Chars(16 * 1024 + 1) }, "value", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"{ws}/variables", new { key = "d", value = "1", description = Chars(513) }, "description", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/templates", new { name = "big", tcl = Chars(32_001) }, "tcl", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"{ws}/jobs", new { comments = Chars(4097) }, "comments", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"{ws}/schedules", new { cron = Chars(257), template = "plan" }, "cron", ct);
        await AssertRefusedAsync(client, HttpMethod.Post, $"{ws}/lock", new { reason = Chars(1025) }, "reason", ct);

        var shownOrg = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}", ct);
        var shownWorkspace = await client.GetFromJsonAsync<JsonElement>(ws, ct);
        var variables = await client.GetFromJsonAsync<JsonElement>($"{ws}/variables", ct);
        var jobs = await client.GetFromJsonAsync<JsonElement>($"{ws}/jobs", ct);
        Assert.False(shownOrg.TryGetProperty("description", out var orgDescription) && orgDescription.ValueKind == JsonValueKind.String);
        Assert.Equal("before", shownWorkspace.GetProperty("description").GetString());
        Assert.Empty(shownWorkspace.GetProperty("tags").EnumerateArray());
        Assert.False(shownWorkspace.GetProperty("locked").GetBoolean());
        Assert.Empty(Items(variables));
        Assert.Empty(Items(jobs));
    }

    [Fact]
    public async Task Orchestrations_TerminateReasonOverLimit_Returns400()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        await AssertRefusedAsync(client, HttpMethod.Post, "/api/v1/orchestrations/no-such-instance/terminate", new { reason = Chars(1025) }, "reason", ct);
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).EnumerateArray();

    /// <returns>The problem's detail.</returns>
    private static async Task<string> AssertRefusedAsync(HttpClient client, HttpMethod method, string path, object body, string field, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{field}'", detail, StringComparison.Ordinal);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name {field}: {text}");
        Assert.True(detail.Length < 2048, $"the problem echoes too much: {detail.Length} characters");
        return detail;
    }
}
