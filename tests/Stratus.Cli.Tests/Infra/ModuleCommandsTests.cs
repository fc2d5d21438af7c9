using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Hosting;
using static Stratus.Cli.Tests.Apps.CliRuns;

namespace Stratus.Cli.Tests.Infra;

/// <summary><c>stratus module publish|list|versions</c> against the real API, signed in as the bootstrap admin.</summary>
public sealed class ModuleCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-cli-modules-").FullName;

    [Fact]
    public async Task Module_PublishFolderTwiceListVersions_AndRefusedVersion()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var org = UniqueNames.Next("org-", 10);
        await AssertOkAsync(session.RunAsync("organization", "create", org));
        var module = Path.Combine(_folder, "network");
        Directory.CreateDirectory(Path.Combine(module, ".terraform"));
        await File.WriteAllTextAsync(Path.Combine(module, "main.tf"), "variable \"cidr\" {}\n");
        await File.WriteAllTextAsync(Path.Combine(module, ".terraform", "cached.txt"), "not published");

        var first = await AssertOkAsync(session.RunAsync("module", "publish", "network", "azurerm", "--org", org, "--path", module, "--version", "1.0.0", "-d", "Hub and spoke"));
        await AssertOkAsync(session.RunAsync("module", "publish", "network", "azurerm", "--org", org, "--path", module, "--version", "v1.1.0"));
        var list = await AssertOkAsync(session.RunAsync("module", "list", "--org", org));
        var versions = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("module", "versions", "network", "azurerm", "--org", org, "-o", "json"))).Out).RootElement;
        var refused = await session.RunAsync("module", "publish", "network", "azurerm", "--org", org, "--path", module, "--version", "latest");
        var nothing = await session.RunAsync("module", "publish", "network", "azurerm", "--org", org);

        Assert.Contains($"Published {org}/network/azurerm 1.0.0.", first.Out, StringComparison.Ordinal);
        Assert.Contains($"{org}/network/azurerm", list.Out, StringComparison.Ordinal);
        Assert.Contains("1.1.0", list.Out, StringComparison.Ordinal);
        Assert.Equal(["1.1.0", "1.0.0"], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.All(versions.GetProperty("items").EnumerateArray(), v => Assert.Equal(1, v.GetProperty("files").GetInt32()));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("'latest'", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("--git", nothing.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
