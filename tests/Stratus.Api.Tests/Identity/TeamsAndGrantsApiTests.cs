using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <remarks>Runs through both hosts: <see cref="TeamsAndGrantsApiStandaloneTests"/> and <see cref="TeamsAndGrantsApiAzureFunctionsTests"/>.</remarks>
public abstract class TeamsAndGrantsApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    [Fact]
    public async Task Grant_OnOneTeam_AllowsThatTeamOnlyAndHidesWhetherOthersExist()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        var token = await identity.CreateUserWithTokenAsync($"u-{id}", ct);
        await identity.CreateTeamAsync($"a-{id}", [$"u-{id}"], ct);
        await identity.CreateTeamAsync($"b-{id}", [], ct);
        await identity.GrantAsync($"team:a-{id}", "auditor", $"team:a-{id}", ct);
        using var client = api.CreateClient(token);

        using var own = await client.GetAsync(new Uri($"/api/v1/teams/a-{id}", UriKind.Relative), ct);
        using var other = await client.GetAsync(new Uri($"/api/v1/teams/b-{id}", UriKind.Relative), ct);
        using var missing = await client.GetAsync(new Uri($"/api/v1/teams/c-{id}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(
            (await other.Content.ReadAsStringAsync(ct)).Replace($"b-{id}", "X", StringComparison.Ordinal).Split("\"traceId\"")[0],
            (await missing.Content.ReadAsStringAsync(ct)).Replace($"c-{id}", "X", StringComparison.Ordinal).Split("\"traceId\"")[0]);
        admin.Dispose();
    }

    [Fact]
    public async Task RevokeGrant_TakesEffectOnTheNextRequest()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        var token = await identity.CreateUserWithTokenAsync($"u-{id}", ct);
        var grant = await identity.GrantAsync($"user:u-{id}", "auditor", "global", ct);
        using var client = api.CreateClient(token);

        using var before = await client.GetAsync(new Uri("/api/v1/users", UriKind.Relative), ct);
        await identity.SendAsync(HttpMethod.Delete, $"/api/v1/grants/{grant}", null, ct);
        using var after = await client.GetAsync(new Uri("/api/v1/users", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        admin.Dispose();
    }

    [Fact]
    public async Task Grant_Twice_ReturnsTheSameGrant()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        await identity.CreateTeamAsync($"t-{id}", [], ct);

        using var first = await admin.PostAsJsonAsync("/api/v1/grants", new { principal = $"team:t-{id}", role = "app-developer", scope = $"team:t-{id}" }, ct);
        using var second = await admin.PostAsJsonAsync("/api/v1/grants", new { principal = $"team:t-{id}", role = "app-developer", scope = $"team:t-{id}" }, ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString(),
            (await second.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString());
        admin.Dispose();
    }

    [Theory]
    [InlineData("{\"principal\": \"team:x\", \"role\": \"auditor\", \"scope\": \"galaxy:x\"}", HttpStatusCode.BadRequest, "kind:value")]
    [InlineData("{\"principal\": \"robot:x\", \"role\": \"auditor\"}", HttpStatusCode.BadRequest, "user:<name>")]
    [InlineData("{\"principal\": \"team:no-such-team-here\", \"role\": \"auditor\"}", HttpStatusCode.NotFound, "no team")]
    [InlineData("{\"principal\": \"user:admin\", \"role\": \"no-such-role\"}", HttpStatusCode.NotFound, "no role")]
    [InlineData("{\"principal\": \"user:admin\", \"role\": \"auditor\", \"scope\": \"workspace:onlyone\"}", HttpStatusCode.BadRequest, "workspace:<organization>/<workspace>")]
    [InlineData("[1,2]", HttpStatusCode.BadRequest, "JSON object")]
    public async Task CreateGrant_InvalidRequest_ExplainsWhatToFix(string json, HttpStatusCode status, string expected)
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("/api/v1/grants", UriKind.Relative), content, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGrant_RoleThatCannotNarrowToTheScope_Returns400()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        await identity.CreateTeamAsync($"t-{id}", [], ct);
        await identity.CreateRoleAsync($"r-{id}", ["user.read"], ct);

        using var response = await admin.PostAsJsonAsync("/api/v1/grants", new { principal = $"team:t-{id}", role = $"r-{id}", scope = $"team:t-{id}" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        admin.Dispose();
    }

    [Fact]
    public async Task CreateTeam_ByAUserAllowedToCreateTeams_MakesThemItsTeamAdmin()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        var token = await identity.CreateUserWithTokenAsync($"u-{id}", ct);
        await identity.CreateUserWithTokenAsync($"v-{id}", ct);
        await identity.CreateRoleAsync($"creator-{id}", ["team.create"], ct);
        await identity.GrantAsync($"user:u-{id}", $"creator-{id}", "global", ct);
        using var client = api.CreateClient(token);

        using var created = await client.PostAsJsonAsync("/api/v1/teams", new { name = $"t-{id}", description = "mine" }, ct);
        using var added = await client.PutAsync(new Uri($"/api/v1/teams/t-{id}/members/v-{id}", UriKind.Relative), null, ct);
        var members = await client.GetFromJsonAsync<JsonElement>($"/api/v1/teams/t-{id}/members", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal([$"u-{id}", $"v-{id}"], members.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal));
        admin.Dispose();
    }

    [Fact]
    public async Task DisableUser_RefusesTheirTokensUntilEnabledAgain()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        var token = await identity.CreateUserWithTokenAsync($"u-{id}", ct);
        using var client = api.CreateClient(token);

        await identity.SendAsync(HttpMethod.Patch, $"/api/v1/users/u-{id}", new { disabled = true }, ct);
        using var disabled = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);
        await identity.SendAsync(HttpMethod.Patch, $"/api/v1/users/u-{id}", new { disabled = false }, ct);
        using var enabled = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        admin.Dispose();
    }

    [Fact]
    public async Task DeleteUser_RevokesTheirTokensGrantsAndMemberships()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        var token = await identity.CreateUserWithTokenAsync($"u-{id}", ct);
        await identity.CreateTeamAsync($"t-{id}", [$"u-{id}"], ct);
        await identity.GrantAsync($"user:u-{id}", "auditor", "global", ct);
        using var client = api.CreateClient(token);

        await identity.SendAsync(HttpMethod.Delete, $"/api/v1/users/u-{id}", null, ct);
        using var after = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);
        var members = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/teams/t-{id}/members", ct);
        var grants = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/grants?principal=user:u-{id}", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain($"u-{id}", members.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty(grants.GetProperty("items").EnumerateArray());
        admin.Dispose();
    }

    [Fact]
    public async Task Roles_UnknownPermissionBuiltInChangesAndGrantedRoleRemoval_AreRefused()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        await identity.CreateTeamAsync($"t-{id}", [], ct);
        await identity.CreateRoleAsync($"r-{id}", ["app.*"], ct);
        await identity.GrantAsync($"team:t-{id}", $"r-{id}", $"team:t-{id}", ct);

        using var unknown = await admin.PostAsJsonAsync("/api/v1/roles", new { name = $"x-{id}", permissions = new[] { "app.deploy", "app.teleport" } }, ct);
        using var builtIn = await admin.PutAsJsonAsync("/api/v1/roles/admin", new { permissions = new[] { "app.read" } }, ct);
        using var granted = await admin.DeleteAsync(new Uri($"/api/v1/roles/r-{id}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'app.teleport'", (await unknown.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, builtIn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, granted.StatusCode);
        admin.Dispose();
    }

    [Fact]
    public async Task Grant_IsRecordedAsAnEventWithWhoAndFromWhere()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        await identity.CreateTeamAsync($"t-{id}", [], ct);
        await identity.GrantAsync($"team:t-{id}", "auditor", $"team:t-{id}", ct);

        var recorded = (await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/events?target=team:t-{id}", ct))
                .GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "identity.grant.create").ToList(),
            match => match.Count > 0,
            "the grant's event is recorded",
            ct))[0];

        Assert.Equal("user:admin", recorded.GetProperty("actor").GetString());
        Assert.Contains("\"from\"", recorded.GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Contains("auditor", recorded.GetProperty("data").GetString(), StringComparison.Ordinal);
        admin.Dispose();
    }

    [Fact]
    public async Task Lists_PageWithContinuation()
    {
        var ct = TestTimeout.Token();
        var (admin, identity) = Admin();
        var id = Unique();
        for (var i = 0; i < 3; i++)
        {
            await identity.CreateTeamAsync($"p{i}-{id}", [], ct);
        }

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/teams?limit=2{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}", ct);
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        Assert.Equal(3, seen.Count(n => n.EndsWith(id, StringComparison.Ordinal)));
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        admin.Dispose();
    }

    private (HttpClient Client, IdentityAdmin Identity) Admin()
    {
        var client = api.CreateClient();
        return (client, new IdentityAdmin(client));
    }

    private static string Unique() => UniqueNames.Next("", 10);
}
