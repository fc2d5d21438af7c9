using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Pools;

/// <remarks>Runs through both hosts: <see cref="PoolsApiStandaloneTests"/> and <see cref="PoolsApiAzureFunctionsTests"/>.</remarks>
public abstract class PoolsApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    [Fact]
    public async Task CreatePool_ValidBody_Returns201AndIsListedAndReadable()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();

        using var response = await client.PostAsJsonAsync("/api/v1/pools", Body(name, teams: []), ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/pools/{name}", ct);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/pools", ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/pools/{name}", response.Headers.Location?.OriginalString);
        Assert.Equal("podman", created.GetProperty("provisioner").GetString());
        Assert.Equal("local", created.GetProperty("router").GetString());
        Assert.Equal("127.0.0.1:5000", read.GetProperty("registry").GetProperty("address").GetString());
        Assert.Equal("stratus", read.GetProperty("registry").GetProperty("namespace").GetString());
        Assert.True(read.GetProperty("registry").GetProperty("insecure").GetBoolean());
        Assert.Equal("example.test", read.GetProperty("routerOptions").GetProperty("domain").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("kubernetes").ValueKind);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == name);
        Assert.Equal(JsonValueKind.Null, list.GetProperty("continuation").ValueKind);
    }

    [Fact]
    public async Task CreatePool_KubernetesWithCluster_KeepsServerAndNamespace()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();

        using var response = await client.PostAsJsonAsync("/api/v1/pools", new
        {
            name,
            provisioner = "kubernetes",
            router = "ingress",
            registry = new { address = "registry.example.test", @namespace = "apps", insecure = false },
            kubernetes = new { server = "https://cluster.example.test:6443", @namespace = "stratus-apps" },
        }, ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("kubernetes", created.GetProperty("provisioner").GetString());
        Assert.Equal("https://cluster.example.test:6443", created.GetProperty("kubernetes").GetProperty("server").GetString());
        Assert.Equal("stratus-apps", created.GetProperty("kubernetes").GetProperty("namespace").GetString());
    }

    [Theory]
    [InlineData("""{"name": "Bad_Name", "registry": {"address": "r:5000", "namespace": "s"}}""", "pool name 'Bad_Name' is not valid")]
    [InlineData("""{"registry": {"address": "r:5000", "namespace": "s"}}""", "pool name is required")]
    [InlineData("""{"name": "p-bad", "provisioner": "docker", "registry": {"address": "r:5000", "namespace": "s"}}""", "provisioner 'docker' is not known")]
    [InlineData("""{"name": "p-bad", "router": "nginx", "registry": {"address": "r:5000", "namespace": "s"}}""", "router 'nginx' is not known")]
    [InlineData("""{"name": "p-bad"}""", "registry needs an address")]
    [InlineData("""{"name": "p-bad", "provisioner": "kubernetes", "registry": {"address": "r:5000", "namespace": "s"}}""", "kubernetes pool needs the cluster's server URL")]
    [InlineData("""{"name": "p-bad", "registry": {"address": "r:5000", "namespace": "s"}, "teams": ["no-such-team"]}""", "team 'no-such-team' does not exist")]
    [InlineData("""{"name": "p-bad", "registry": {"address": "r:5000", "namespace": "s"}, "teams": ["Not A Team"]}""", "team name 'Not A Team' is not valid")]
    [InlineData("""{"name": "p-bad", "registry": {"address": "r:5000", "namespace": "s"}, "routerOptions": {"domain": null}}""", "router option 'domain'")]
    [InlineData("""{"name": "p-bad", "registy": {}}""", "property this endpoint does not know")]
    [InlineData("""{"name": "p-bad", "default": "yes"}""", "wrong type")]
    public async Task CreatePool_InvalidBody_Returns400NamingTheProblem(string body, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/pools", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var stored = await client.GetAsync(new Uri("/api/v1/pools/p-bad", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task CreatePool_ExistingName_Returns409AndKeepsTheFirst()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        using var first = await client.PostAsJsonAsync("/api/v1/pools", Body(name), ct);

        using var second = await client.PostAsJsonAsync("/api/v1/pools", Body(name, registry: "other:5000"), ct);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/pools/{name}", ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains($"'{name}' exists already", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:5000", read.GetProperty("registry").GetProperty("address").GetString());
    }

    [Fact]
    public async Task CreatePool_WithExistingTeam_RestrictsThePoolToIt()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var team = NewName("team");
        await new IdentityAdmin(client).CreateTeamAsync(team, [], ct);
        var name = NewName();

        using var response = await client.PostAsJsonAsync("/api/v1/pools", Body(name, teams: [team, team]), ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new[] { team }, created.GetProperty("teams").EnumerateArray().Select(t => t.GetString()!).ToArray());
    }

    [Fact]
    public async Task ReplacePool_NewSettings_ReplacesEveryFieldButTheName()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        var created = await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/pools", Body(name), ct);

        using var response = await client.PutAsJsonAsync($"/api/v1/pools/{name}", new
        {
            router = "tsuru-api",
            routerOptions = new Dictionary<string, string> { ["api-url"] = "http://router.example.test" },
            registry = new { address = "registry.example.test", @namespace = "team-a" },
        }, ct);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(name, updated.GetProperty("name").GetString());
        Assert.Equal("tsuru-api", updated.GetProperty("router").GetString());
        Assert.Equal("http://router.example.test", updated.GetProperty("routerOptions").GetProperty("api-url").GetString());
        Assert.False(updated.GetProperty("routerOptions").TryGetProperty("domain", out _));
        Assert.False(updated.GetProperty("registry").GetProperty("insecure").GetBoolean());
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), updated.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ReplacePool_OtherNameInBody_Returns400()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/pools", Body(name), ct);

        using var response = await client.PutAsJsonAsync($"/api/v1/pools/{name}", Body("renamed"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be renamed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacePool_Unknown_Returns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.PutAsJsonAsync($"/api/v1/pools/{NewName()}", Body(name: null), ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SetDefaultPool_TwoPools_LeavesExactlyOneDefault()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var admin = new IdentityAdmin(client);
        var first = NewName();
        var second = NewName();
        await admin.SendAsync(HttpMethod.Post, "/api/v1/pools", Body(first, isDefault: true), ct);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/pools", Body(second), ct);

        using var response = await client.PostAsync(new Uri($"/api/v1/pools/{second}/default", UriKind.Relative), null, ct);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/pools", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(updated.GetProperty("default").GetBoolean());
        var defaults = list.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("default").GetBoolean()).Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(new[] { second }, defaults);
    }

    [Fact]
    public async Task SetDefaultPool_Unknown_Returns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.PostAsync(new Uri($"/api/v1/pools/{NewName()}/default", UriKind.Relative), null, ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DeletePool_Existing_Returns204ThenGetAndDeleteReturn404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/pools", Body(name), ct);

        using var deleted = await client.DeleteAsync(new Uri($"/api/v1/pools/{name}", UriKind.Relative), ct);
        using var read = await client.GetAsync(new Uri($"/api/v1/pools/{name}", UriKind.Relative), ct);
        using var again = await client.DeleteAsync(new Uri($"/api/v1/pools/{name}", UriKind.Relative), ct);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains($"no pool '{name}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPool_NameThatCannotBeAPool_Returns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/pools/Not_A_Pool", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PoolScopedGrant_ManagerOfOnePool_ManagesThatPoolOnly()
    {
        var ct = TestTimeout.Token(120);
        using var adminClient = api.CreateClient();
        var admin = new IdentityAdmin(adminClient);
        var user = NewName("user");
        var team = NewName("team");
        var role = NewName("role");
        var mine = NewName();
        var other = NewName();
        var token = await admin.CreateUserWithTokenAsync(user, ct);
        await admin.CreateTeamAsync(team, [user], ct);
        await admin.CreateRoleAsync(role, ["pool.read", "pool.manage"], ct);
        await admin.GrantAsync($"team:{team}", role, $"pool:{mine}", ct);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/pools", Body(mine), ct);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/pools", Body(other), ct);
        using var client = api.CreateClient(token);

        using var readMine = await client.GetAsync(new Uri($"/api/v1/pools/{mine}", UriKind.Relative), ct);
        using var replaceMine = await client.PutAsJsonAsync($"/api/v1/pools/{mine}", Body(mine, registry: "mine.example.test"), ct);
        using var defaultMine = await client.PostAsync(new Uri($"/api/v1/pools/{mine}/default", UriKind.Relative), null, ct);
        using var readOther = await client.GetAsync(new Uri($"/api/v1/pools/{other}", UriKind.Relative), ct);
        using var deleteOther = await client.DeleteAsync(new Uri($"/api/v1/pools/{other}", UriKind.Relative), ct);
        using var list = await client.GetAsync(new Uri("/api/v1/pools", UriKind.Relative), ct);
        using var create = await client.PostAsJsonAsync("/api/v1/pools", Body(NewName()), ct);
        using var deleteMine = await client.DeleteAsync(new Uri($"/api/v1/pools/{mine}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, readMine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaceMine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, defaultMine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleteMine.StatusCode);
    }

    [Fact]
    public async Task ListPools_Anonymous_Returns401()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient(token: null);

        using var response = await client.GetAsync(new Uri("/api/v1/pools", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string NewName(string prefix = "pool") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    private static object Body(string? name, string registry = "127.0.0.1:5000", bool isDefault = false, string[]? teams = null) => new
    {
        name,
        routerOptions = new Dictionary<string, string> { ["domain"] = "example.test" },
        registry = new { address = registry, @namespace = "stratus", insecure = true },
        @default = isDefault,
        teams = teams ?? [],
    };
}
