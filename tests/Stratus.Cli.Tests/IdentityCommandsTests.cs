using System.Text.Json;
using System.Text.RegularExpressions;
using Stratus.Cli.Configuration;
using Stratus.Testing.Hosting;
using Stratus.Testing;

namespace Stratus.Cli.Tests;

/// <summary>The identity commands against the real API, signed in as the bootstrap admin.</summary>
public sealed partial class IdentityCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task GrantList_AfterUserTeamMemberAndGrant_JsonContainsTheGrant()
    {
        var user = UniqueNames.Next("dev" + "-", 12);
        var team = UniqueNames.Next("team" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        await AssertOkAsync(session.RunAsync("user", "create", user));
        await AssertOkAsync(session.RunAsync("team", "create", team, "--description", "Payments squad"));
        await AssertOkAsync(session.RunAsync("team", "member", "add", team, user));
        var added = await AssertOkAsync(session.RunAsync("grant", "add", $"team:{team}", "app-developer", "--scope", $"team:{team}", "-o", "json"));
        var listed = await AssertOkAsync(session.RunAsync("grant", "list", "--output", "json"));
        var members = await AssertOkAsync(session.RunAsync("team", "member", "list", team));
        var table = await AssertOkAsync(session.RunAsync("grant", "list", "--principal", $"team:{team}"));

        var grantId = JsonDocument.Parse(added.Out).RootElement.GetProperty("id").GetString()!;
        var grants = JsonDocument.Parse(listed.Out).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(grants, g =>
            g.GetProperty("id").GetString() == grantId
            && g.GetProperty("principal").GetString() == $"team:{team}"
            && g.GetProperty("role").GetString() == "app-developer"
            && g.GetProperty("scope").GetString() == $"team:{team}");
        Assert.Contains(user, members.Out, StringComparison.Ordinal);
        Assert.Contains(grantId, table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_PrintsSecretOnce_ListNeverShowsIt()
    {
        var name = UniqueNames.Next("ci" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var created = await AssertOkAsync(session.RunAsync("token", "create", name, "--expires-in-days", "7"));
        var table = await AssertOkAsync(session.RunAsync("token", "list"));
        var json = await AssertOkAsync(session.RunAsync("token", "list", "-o", "json"));

        var secret = PersonalSecret().Match(created.Out).Value;
        Assert.StartsWith("stratus_pat_", secret, StringComparison.Ordinal);
        Assert.Contains(name, table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, json.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("stratus_pat_", json.Out, StringComparison.Ordinal);
        Assert.Contains(JsonDocument.Parse(json.Out).RootElement.EnumerateArray(), t => t.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task TokenRevoke_CreatedToken_StopsWorking()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var created = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("token", "create", UniqueNames.Next("tmp" + "-", 12), "-o", "json"))).Out).RootElement;
        using var holder = CliSession.For(api);
        holder.Variables[EnvironmentVariables.Url] = CliSession.ApiUrl;
        holder.Variables[EnvironmentVariables.Token] = created.GetProperty("secret").GetString()!;

        var before = await holder.RunAsync("whoami");
        await AssertOkAsync(session.RunAsync("token", "revoke", created.GetProperty("token").GetProperty("id").GetString()!));
        var after = await holder.RunAsync("whoami");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(1, after.ExitCode);
        Assert.Contains("Authentication required", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamTokenCreate_PrintsTeamSecret_ThatActsAsTheTeam()
    {
        var team = UniqueNames.Next("squad" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("team", "create", team));

        var created = await AssertOkAsync(session.RunAsync("team", "token", "create", team, "deploys"));
        using var holder = CliSession.For(api);
        holder.Variables[EnvironmentVariables.Url] = CliSession.ApiUrl;
        holder.Variables[EnvironmentVariables.Token] = TeamSecret().Match(created.Out).Value;
        var whoami = await holder.RunAsync("whoami", "-o", "json");
        var listed = await AssertOkAsync(session.RunAsync("team", "token", "list", team));

        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Equal($"team:{team}", JsonDocument.Parse(whoami.Out).RootElement.GetProperty("principal").GetString());
        Assert.Contains("deploys", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("stratus_tt_", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserDisable_ThenEnable_FlipsTheFlag()
    {
        var user = UniqueNames.Next("flip" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("user", "create", user, "--display-name", "Flip Flop"));

        var disabled = await AssertOkAsync(session.RunAsync("user", "disable", user, "-o", "json"));
        var enabled = await AssertOkAsync(session.RunAsync("user", "enable", user, "-o", "json"));
        var list = await AssertOkAsync(session.RunAsync("user", "list"));
        var removed = await AssertOkAsync(session.RunAsync("user", "remove", user));
        var listAfter = await AssertOkAsync(session.RunAsync("user", "list", "-o", "json"));

        Assert.True(JsonDocument.Parse(disabled.Out).RootElement.GetProperty("disabled").GetBoolean());
        Assert.False(JsonDocument.Parse(enabled.Out).RootElement.GetProperty("disabled").GetBoolean());
        Assert.Contains("Flip Flop", list.Out, StringComparison.Ordinal);
        Assert.Contains($"Removed user {user}", removed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(user, listAfter.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleCreate_ShowAndRemove_RoundTrips()
    {
        var role = UniqueNames.Next("role" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        await AssertOkAsync(session.RunAsync("role", "create", role, "--permission", "app.read", "--permission", "app.deploy", "--description", "Deploys"));
        var shown = await AssertOkAsync(session.RunAsync("role", "show", role));
        var listed = await AssertOkAsync(session.RunAsync("role", "list", "-o", "json"));
        var permissions = await AssertOkAsync(session.RunAsync("permission", "list"));
        await AssertOkAsync(session.RunAsync("role", "remove", role));
        var gone = await session.RunAsync("role", "show", role);

        Assert.Contains("app.deploy", shown.Out, StringComparison.Ordinal);
        Assert.Contains(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray(), r => r.GetProperty("name").GetString() == role);
        Assert.Contains("user.read", permissions.Out, StringComparison.Ordinal);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("Not found", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantRevoke_ExistingGrant_RemovesIt()
    {
        var user = UniqueNames.Next("grantee" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("user", "create", user));
        var grant = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("grant", "add", $"user:{user}", "auditor", "-o", "json"))).Out).RootElement;

        await AssertOkAsync(session.RunAsync("grant", "revoke", grant.GetProperty("id").GetString()!));
        var listed = await AssertOkAsync(session.RunAsync("grant", "list", "--principal", $"user:{user}", "-o", "json"));

        Assert.Equal("global", grant.GetProperty("scope").GetString());
        Assert.Empty(JsonDocument.Parse(listed.Out).RootElement.GetProperty("items").EnumerateArray());
    }

    private static async Task<CliResult> AssertOkAsync(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [GeneratedRegex("stratus_pat_[A-Za-z0-9]+")]
    private static partial Regex PersonalSecret();

    [GeneratedRegex("stratus_tt_[A-Za-z0-9]+")]
    private static partial Regex TeamSecret();
}
