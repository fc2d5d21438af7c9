using System.Text.Json;
using Stratus.Cli.Commands.Apps;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Apps;

/// <summary><c>stratus app env</c> against the real API, on apps that were never deployed (a restart has nothing to restart and ends at once).</summary>
public sealed class AppEnvCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task EnvSet_PublicAndPrivate_GetShowsValuesAndMasksThePrivateOne()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);

        var set = await AssertOkAsync(session.RunAsync("app", "env", "set", app, "LOG_LEVEL=debug", "GREETING=a=b c", "--no-restart"));
        await AssertOkAsync(session.RunAsync("app", "env", "set", app, "DB_PASSWORD=s3cret-value", "--private", "--no-restart"));
        var table = await AssertOkAsync(session.RunAsync("app", "env", "get", app));
        var json = await AssertOkAsync(session.RunAsync("app", "env", "get", app, "-o", "json"));

        Assert.Contains($"Env change of {app} succeeded.", set.Out, StringComparison.Ordinal);
        Assert.Contains("LOG_LEVEL", table.Out, StringComparison.Ordinal);
        Assert.Contains("a=b c", table.Out, StringComparison.Ordinal);
        Assert.Contains(AppEnvCommands.Masked, table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", table.Out, StringComparison.Ordinal);
        var secret = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "DB_PASSWORD");
        Assert.True(secret.GetProperty("private").GetBoolean());
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task EnvSet_WithRestart_FollowsTheRestartToItsEnd()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);

        var set = await AssertOkAsync(session.RunAsync("app", "env", "set", app, "A=1"));

        Assert.Contains("The app has no deployed version yet", set.Out, StringComparison.Ordinal);
        Assert.Contains($"Env change of {app} succeeded.", set.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvUnset_NoRestart_RemovesTheVariable()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        await AssertOkAsync(session.RunAsync("app", "env", "set", app, "KEEP=1", "DROP=2", "--no-restart"));

        await AssertOkAsync(session.RunAsync("app", "env", "unset", app, "DROP", "--no-restart"));
        var json = await AssertOkAsync(session.RunAsync("app", "env", "get", app, "-o", "json"));

        var names = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "KEEP" }, names);
    }

    [Fact]
    public async Task EnvSet_ArgumentWithoutEquals_FailsBeforeCallingTheApi()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("app", "env", "set", "some-app", "LOG_LEVEL");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'LOG_LEVEL' is not NAME=value.", result.Error, StringComparison.Ordinal);
    }
}
