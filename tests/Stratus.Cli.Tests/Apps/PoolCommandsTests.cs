using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;
using Stratus.Testing;

namespace Stratus.Cli.Tests.Apps;

/// <summary>The pool commands against the real API, signed in as the bootstrap admin.</summary>
public sealed class PoolCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task PoolAdd_ThenListAndInfo_ShowTheSettings()
    {
        var pool = UniqueNames.Next("pool" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var added = await AssertOkAsync(session.RunAsync(
            "pool", "add", pool, "--registry", "127.0.0.1:5000", "--insecure-registry", "--router-option", "domain=apps.test", "--default"));
        var table = await AssertOkAsync(session.RunAsync("pool", "list"));
        var info = await AssertOkAsync(session.RunAsync("pool", "info", pool));
        var json = await AssertOkAsync(session.RunAsync("pool", "info", pool, "-o", "json"));

        Assert.Contains($"Created pool {pool} (the default).", added.Out, StringComparison.Ordinal);
        Assert.Contains(pool, table.Out, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:5000/stratus", table.Out, StringComparison.Ordinal);
        Assert.Contains("domain=apps.test", info.Out, StringComparison.Ordinal);
        Assert.Contains("(all teams)", info.Out, StringComparison.Ordinal);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("podman", root.GetProperty("provisioner").GetString());
        Assert.True(root.GetProperty("registry").GetProperty("insecure").GetBoolean());
        Assert.True(root.GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task PoolDefault_OtherPool_MovesTheDefault()
    {
        var first = UniqueNames.Next("pool" + "-", 12);
        var second = UniqueNames.Next("pool" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("pool", "add", first, "--registry", "127.0.0.1:5000", "--default"));
        await AssertOkAsync(session.RunAsync("pool", "add", second, "--registry", "127.0.0.1:5000"));

        var moved = await AssertOkAsync(session.RunAsync("pool", "default", second));
        var json = await AssertOkAsync(session.RunAsync("pool", "list", "-o", "json"));

        Assert.Contains($"Pool {second} is now the default.", moved.Out, StringComparison.Ordinal);
        var defaults = JsonDocument.Parse(json.Out).RootElement.GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("default").GetBoolean()).Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(new[] { second }, defaults);
    }

    [Fact]
    public async Task PoolRemove_ThenInfo_FailsWithNotFound()
    {
        var pool = UniqueNames.Next("pool" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("pool", "add", pool, "--registry", "127.0.0.1:5000"));

        var removed = await AssertOkAsync(session.RunAsync("pool", "remove", pool));
        var info = await session.RunAsync("pool", "info", pool);

        Assert.Contains($"Removed pool {pool}.", removed.Out, StringComparison.Ordinal);
        Assert.Equal(1, info.ExitCode);
        Assert.Contains($"There is no pool '{pool}'", info.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolAdd_KubernetesWithoutCluster_FailsWithTheApiReason()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("pool", "add", UniqueNames.Next("pool" + "-", 12), "--provisioner", "kubernetes", "--registry", "127.0.0.1:5000");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("needs the cluster's server URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolAdd_RouterOptionWithoutValue_FailsBeforeCallingTheApi()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("pool", "add", UniqueNames.Next("pool" + "-", 12), "--registry", "127.0.0.1:5000", "--router-option", "domain");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not key=value", result.Error, StringComparison.Ordinal);
    }
}
