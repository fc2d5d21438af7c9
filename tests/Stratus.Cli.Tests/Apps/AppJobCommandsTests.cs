using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Hosting;
using static Stratus.Cli.Tests.Apps.CliRuns;

namespace Stratus.Cli.Tests.Apps;

/// <summary>
/// <c>stratus app-job</c> against the real API, signed in as the bootstrap admin. The triggered job runs a missing
/// app's image, so its run fails before any container starts: no podman is needed, and the exit code is checked.
/// </summary>
public sealed class AppJobCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task AppJob_CreateUpdateTriggerRunsLogRemove_ShowEachStep()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var (team, pool) = await AppSetup.TeamAndPoolAsync(session);
        var job = UniqueNames.Next("job" + "-", 12);

        var created = await AssertOkAsync(session.RunAsync("app-job", "create", job, "--team", team, "--pool", pool, "--app", "no-such-app", "--manual", "--backoff-limit", "0", "--", "sh", "-c", "echo hi"));
        var updated = await AssertOkAsync(session.RunAsync("app-job", "update", job, "--schedule", "0 4 1 1 *"));
        var list = await AssertOkAsync(session.RunAsync("app-job", "list", "--team", team));
        var triggered = await session.RunAsync("app-job", "trigger", job, "--follow");
        var runs = await AssertOkAsync(session.RunAsync("app-job", "runs", job));
        var log = await AssertOkAsync(session.RunAsync("app-job", "log", job));
        var info = await AssertOkAsync(session.RunAsync("app-job", "info", job, "-o", "json"));
        var badCron = await session.RunAsync("app-job", "update", job, "--schedule", "every day");
        var removed = await AssertOkAsync(session.RunAsync("app-job", "remove", job, "--yes"));

        Assert.Contains($"Created job {job} for team {team} in pool {pool}: manual.", created.Out, StringComparison.Ordinal);
        Assert.Contains($"Updated job {job}: 0 4 1 1 *, app no-such-app.", updated.Out, StringComparison.Ordinal);
        Assert.Contains("0 4 1 1 *", list.Out.Split('\n').Single(l => l.Contains(job, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(triggered.ExitCode == 1, triggered.ToString());
        Assert.Contains("failed before the container started", triggered.Out, StringComparison.Ordinal);
        Assert.Contains("no-such-app", triggered.Error, StringComparison.Ordinal);
        Assert.Contains("failed", runs.Out.Split('\n').Single(l => l.Contains("manual", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("failed before the container started", log.Out, StringComparison.Ordinal);
        Assert.Equal(["sh", "-c", "echo hi"], JsonDocument.Parse(info.Out).RootElement.GetProperty("container").GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, badCron.ExitCode);
        Assert.Contains("'schedule'", badCron.Error, StringComparison.Ordinal);
        Assert.Contains($"Removed job {job}.", removed.Out, StringComparison.Ordinal);
    }
}
