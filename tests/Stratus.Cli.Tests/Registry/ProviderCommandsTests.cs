using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Hosting;
using static Stratus.Cli.Tests.Apps.CliRuns;

namespace Stratus.Cli.Tests.Registry;

/// <summary><c>stratus provider publish|list|versions</c> against the real API, signed in as the bootstrap admin.</summary>
public sealed class ProviderCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>, IDisposable
{
    private readonly string _dist = Directory.CreateTempSubdirectory("stratus-cli-providers-").FullName;

    [Fact]
    public async Task Provider_PublishFromGoreleaserFolderThenListAndVersions_ShowsThePlatforms()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var org = UniqueNames.Next("org-", 10);
        await AssertOkAsync(session.RunAsync("organization", "create", org));
        WriteZip("terraform-provider-demo_1.0.0_linux_amd64.zip");
        WriteZip("terraform-provider-demo_1.0.0_darwin_arm64.zip");
        await File.WriteAllTextAsync(Path.Combine(_dist, "terraform-provider-demo_1.0.0_manifest.json"), """{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}""");
        await File.WriteAllTextAsync(Path.Combine(_dist, "terraform-provider-demo_1.0.0_SHA256SUMS"), "goreleaser's own, left out\n");

        var published = await AssertOkAsync(session.RunAsync("provider", "publish", "demo", _dist, "--org", org));
        var again = await session.RunAsync("provider", "publish", "demo", _dist, "--org", org);
        var listed = await AssertOkAsync(session.RunAsync("provider", "list", "--org", org));
        var versions = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("provider", "versions", "demo", "--org", org, "-o", "json"))).Out).RootElement;

        Assert.Contains($"Published {org}/demo 1.0.0 for darwin_arm64, linux_amd64 (protocols 6.0", published.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("has version 1.0.0 already", again.Error, StringComparison.Ordinal);
        Assert.Contains($"{org}/demo", listed.Out, StringComparison.Ordinal);
        var version = Assert.Single(versions.EnumerateArray());
        Assert.Equal(2, version.GetProperty("platforms").GetArrayLength());
    }

    public void Dispose() => Directory.Delete(_dist, recursive: true);

    private void WriteZip(string name)
    {
        using var zip = ZipFile.Open(Path.Combine(_dist, name), ZipArchiveMode.Create);
        using var binary = new StreamWriter(zip.CreateEntry("terraform-provider-demo_v1.0.0").Open(), Encoding.ASCII);
        binary.Write("#!/bin/sh\nexit 1\n");
    }
}
