using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Apps;

/// <summary><c>stratus app units</c> and <c>app cname</c> against the real API, on apps never deployed (the counts and names wait for the first deploy).</summary>
public sealed class AppUnitCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task UnitsAddThenRemove_NeverDeployed_ChangesTheWantedCount()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);

        var added = await AssertOkAsync(session.RunAsync("app", "units", "add", app, "--process", "web", "--units", "3"));
        await AssertOkAsync(session.RunAsync("app", "units", "remove", app, "--process", "web", "--units", "1"));
        var json = await AssertOkAsync(session.RunAsync("app", "info", app, "-o", "json"));

        Assert.Contains($"Units change of {app} succeeded.", added.Out, StringComparison.Ordinal);
        // A process never scaled counts as 1 unit: 1 + 3 - 1.
        Assert.Equal(3, JsonDocument.Parse(json.Out).RootElement.GetProperty("processes").GetProperty("web").GetInt32());
    }

    [Fact]
    public async Task UnitsRemove_MoreThanThereAre_FailsWithTheApiReason()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);

        var result = await session.RunAsync("app", "units", "remove", app, "--units", "5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be removed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CnameAddThenRemove_InfoShowsTheNamesInBetween()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        var cname = $"{app}.example.com";

        await AssertOkAsync(session.RunAsync("app", "cname", "add", app, cname));
        var between = await AssertOkAsync(session.RunAsync("app", "info", app));
        var removed = await AssertOkAsync(session.RunAsync("app", "cname", "remove", app, cname));
        var after = await AssertOkAsync(session.RunAsync("app", "info", app, "-o", "json"));

        Assert.Contains(cname, between.Out, StringComparison.Ordinal);
        Assert.Contains($"Cname change of {app} succeeded.", removed.Out, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(after.Out).RootElement.GetProperty("cnames").GetArrayLength());
    }
}
