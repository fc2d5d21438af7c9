using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <summary>Team names as Terrakube has them (TERRAFORM_CLI): case kept, found and granted in any case, one team per name.</summary>
public sealed class TeamNamesApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task CreateTeam_UpperCaseWithUnderscore_KeepsItsNameAndASecondInAnotherCaseIsAConflict()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var name = UniqueNames.Next("TERRAFORM_CLI_", 10).ToUpperInvariant();

        using var created = await admin.PostAsJsonAsync("/api/v1/teams", new { name }, ct);
        using var again = await admin.PostAsJsonAsync("/api/v1/teams", new { name = name.ToLowerInvariant() }, ct);
        using var read = await admin.GetAsync(new Uri($"/api/v1/teams/{name.ToLowerInvariant()}", UriKind.Relative), ct);
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(name, (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"'{name}'", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(name, (await read.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("TERRAFORM CLI")]
    [InlineData("_CLI")]
    [InlineData("a/b")]
    public async Task CreateTeam_InvalidCharacters_Is400NamingTheNameAndWhatIsAllowed(string name)
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();

        using var response = await admin.PostAsJsonAsync("/api/v1/teams", new { name }, ct);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{name}'", detail, StringComparison.Ordinal);
        Assert.Contains("either case", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_ToTheLowerCaseName_ReachesMembersOfTheUpperCaseTeamInAnyCase()
    {
        var ct = TestTimeout.Token();
        using var adminClient = api.CreateClient();
        var identity = new IdentityAdmin(adminClient);
        var id = UniqueNames.Next("", 10);
        var team = $"OPS_{id}".ToUpperInvariant();
        var token = await identity.CreateUserWithTokenAsync($"u-{id}", ct);
        await identity.CreateTeamAsync(team, [$"u-{id}"], ct);
        await identity.GrantAsync($"team:{team.ToLowerInvariant()}", "auditor", $"team:{team}", ct);
        using var member = api.CreateClient(token);

        using var mixedCase = await member.GetAsync(new Uri($"/api/v1/teams/Ops_{id}", UriKind.Relative), ct);
        var whoami = await member.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);

        Assert.Equal(HttpStatusCode.OK, mixedCase.StatusCode);
        Assert.Contains(team, whoami.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
    }
}
