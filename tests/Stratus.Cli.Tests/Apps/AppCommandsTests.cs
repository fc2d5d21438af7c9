using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;
using Stratus.Testing;

namespace Stratus.Cli.Tests.Apps;

/// <summary>
/// The app commands against the real API, signed in as the bootstrap admin, for apps that were never deployed (no
/// podman here: nothing runs, so their operations have nothing to wait for).
/// </summary>
public sealed class AppCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task AppCreate_ThenListAndInfo_ShowTheApp()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var (team, pool) = await AppSetup.TeamAndPoolAsync(session);
        var app = UniqueNames.Next("app" + "-", 12);

        var created = await AssertOkAsync(session.RunAsync("app", "create", app, "--team", team, "--pool", pool, "--description", "the blog"));
        var table = await AssertOkAsync(session.RunAsync("app", "list", "--team", team));
        var info = await AssertOkAsync(session.RunAsync("app", "info", app));
        var json = await AssertOkAsync(session.RunAsync("app", "info", app, "-o", "json"));

        Assert.Contains($"Created app {app} for team {team} in pool {pool}", created.Out, StringComparison.Ordinal);
        var row = table.Out.Split('\n').Single(l => l.Contains(app, StringComparison.Ordinal));
        Assert.Contains(pool, row, StringComparison.Ordinal);
        Assert.Contains("not deployed", row, StringComparison.Ordinal);
        Assert.Contains("the blog", info.Out, StringComparison.Ordinal);
        Assert.Contains($"http://{app}.localhost", info.Out, StringComparison.Ordinal);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(team, root.GetProperty("teamOwner").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("version").ValueKind);
    }

    [Fact]
    public async Task AppList_Json_PrintsThePageOfApps()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var (team, pool) = await AppSetup.TeamAndPoolAsync(session);
        var app = UniqueNames.Next("app" + "-", 12);
        await AssertOkAsync(session.RunAsync("app", "create", app, "--team", team, "--pool", pool));

        var json = await AssertOkAsync(session.RunAsync("app", "list", "--pool", pool, "-o", "json"));

        var names = JsonDocument.Parse(json.Out).RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { app }, names);
    }

    [Fact]
    public async Task AppCreate_UnknownPool_FailsWithTheApiReason()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var (team, _) = await AppSetup.TeamAndPoolAsync(session);

        var result = await session.RunAsync("app", "create", UniqueNames.Next("app" + "-", 12), "--team", team, "--pool", "no-such-pool");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no pool named 'no-such-pool'.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRemove_NeverDeployed_FollowsTheRemovalToItsEnd()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var (team, pool) = await AppSetup.TeamAndPoolAsync(session);
        var app = UniqueNames.Next("app" + "-", 12);
        await AssertOkAsync(session.RunAsync("app", "create", app, "--team", team, "--pool", pool));

        var removed = await session.RunAsync("app", "remove", app, "--yes");
        var info = await session.RunAsync("app", "info", app);

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains($"Remove of {app} started (event ", removed.Out, StringComparison.Ordinal);
        Assert.Contains($"Remove of {app} succeeded.", removed.Out, StringComparison.Ordinal);
        Assert.Equal(1, info.ExitCode);
        Assert.Contains($"There is no app named '{app}'", info.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRemove_WithoutYesAndNoTerminal_RefusesAndKeepsTheApp()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var (team, pool) = await AppSetup.TeamAndPoolAsync(session);
        var app = UniqueNames.Next("app" + "-", 12);
        await AssertOkAsync(session.RunAsync("app", "create", app, "--team", team, "--pool", pool));

        var result = await session.RunAsync("app", "remove", app);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Pass --yes", result.Error, StringComparison.Ordinal);
        await AssertOkAsync(session.RunAsync("app", "info", app));
    }
}
