using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;
using Stratus.Testing;

namespace Stratus.Cli.Tests.Apps;

/// <summary>The plan commands against the real API, signed in as the bootstrap admin.</summary>
public sealed class PlanCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task PlanAdd_CpuAndMemory_ListShowsThemAsWritten()
    {
        var plan = UniqueNames.Next("plan" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var added = await AssertOkAsync(session.RunAsync("plan", "add", plan, "--cpu", "0.5", "--memory", "512Mi", "--default"));
        var table = await AssertOkAsync(session.RunAsync("plan", "list"));
        var json = await AssertOkAsync(session.RunAsync("plan", "list", "-o", "json"));

        Assert.Contains($"Created plan {plan}: CPU 500m, memory 512Mi (the default).", added.Out, StringComparison.Ordinal);
        var row = table.Out.Split('\n').Single(l => l.Contains(plan, StringComparison.Ordinal));
        Assert.Contains("500m", row, StringComparison.Ordinal);
        Assert.Contains("512Mi", row, StringComparison.Ordinal);
        var item = JsonDocument.Parse(json.Out).RootElement.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == plan);
        Assert.Equal(500, item.GetProperty("cpuMilli").GetInt32());
        Assert.Equal(536_870_912L, item.GetProperty("memory").GetInt64());
    }

    [Fact]
    public async Task PlanAdd_BadMemory_FailsWithTheApiRule()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("plan", "add", UniqueNames.Next("plan" + "-", 12), "--memory", "512MB");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("memory '512MB' is not valid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAdd_BadCpu_FailsBeforeCallingTheApi()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("plan", "add", UniqueNames.Next("plan" + "-", 12), "--cpu", "lots");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The CPU 'lots' is not valid.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanRemove_Existing_LeavesTheList()
    {
        var plan = UniqueNames.Next("plan" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("plan", "add", plan));

        var removed = await AssertOkAsync(session.RunAsync("plan", "remove", plan));
        var json = await AssertOkAsync(session.RunAsync("plan", "list", "-o", "json"));
        var again = await session.RunAsync("plan", "remove", plan);

        Assert.Contains($"Removed plan {plan}.", removed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(plan, json.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
    }
}
