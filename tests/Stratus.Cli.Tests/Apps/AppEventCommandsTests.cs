using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Apps;

/// <summary><c>stratus app events</c> and <c>app event info|log|cancel</c> against the real API, after operations that end at once.</summary>
public sealed class AppEventCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task Events_AfterAnEnvChange_ListInfoAndLogShowIt()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        await AssertOkAsync(session.RunAsync("app", "env", "set", app, "A=1", "--no-restart"));

        var table = await AssertOkAsync(session.RunAsync("app", "events", app));
        var json = await AssertOkAsync(session.RunAsync("app", "events", app, "--kind", "app.update.env.set", "-o", "json"));
        var id = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Single().GetProperty("id").GetString()!;
        var info = await AssertOkAsync(session.RunAsync("app", "event", "info", app, id));
        var log = await AssertOkAsync(session.RunAsync("app", "event", "log", app, id, "-f"));

        Assert.Contains("app.update.env.set", table.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded", info.Out, StringComparison.Ordinal);
        Assert.Contains("---- succeeded", log.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventCancel_EndedEvent_FailsSayingItHasEnded()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        await AssertOkAsync(session.RunAsync("app", "env", "set", app, "A=1", "--no-restart"));
        var json = await AssertOkAsync(session.RunAsync("app", "events", app, "-o", "json"));
        var id = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().First().GetProperty("id").GetString()!;

        var result = await session.RunAsync("app", "event", "cancel", app, id, "--reason", "changed my mind");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has ended", result.Error, StringComparison.Ordinal);
    }
}
