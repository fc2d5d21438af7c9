using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Apps;

/// <summary><c>stratus app versions|deploys|rollback</c> against the real API, on apps with no successful version.</summary>
public sealed class AppHistoryCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task VersionsAndDeploys_NeverDeployed_SayThereAreNone()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);

        var versions = await AssertOkAsync(session.RunAsync("app", "versions", app));
        var deploys = await AssertOkAsync(session.RunAsync("app", "deploys", app));
        var json = await AssertOkAsync(session.RunAsync("app", "deploys", app, "-o", "json"));

        Assert.Contains("No versions", versions.Out, StringComparison.Ordinal);
        Assert.Contains("No deploys.", deploys.Out, StringComparison.Ordinal);
        Assert.Equal("[]", json.Out.Trim());
    }

    [Fact]
    public async Task Rollback_UnknownVersion_FailsWithNotFound()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);

        var result = await session.RunAsync("app", "rollback", app, "--version", "7");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"App '{app}' has no version 7.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackDisable_WithoutReason_IsAParseError()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("app", "rollback", "disable", "some-app", "--version", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--reason", result.Error, StringComparison.Ordinal);
    }
}
