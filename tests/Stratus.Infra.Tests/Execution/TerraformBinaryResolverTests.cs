using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Infra.Execution;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

// Unix file modes are part of what is checked; the executor runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class TerraformBinaryResolverTests : IDisposable
{
    private static readonly Dictionary<string, string> NoBinaries = [];

    private readonly TempDirectory _directory = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _directory.Dispose();
    }

    [TerraformFact]
    public async Task ResolveAsync_PathTerraformOfTheWantedVersion_ReturnsIt()
    {
        var version = await PathTerraformVersionAsync();
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, null, _directory.Combine("cache")), _http);

        Assert.Equal(ExternalTools.Terraform, await resolver.ResolveAsync("terraform", version, cancellationToken: TestTimeout.Token()));
        Assert.Equal(ExternalTools.Terraform, await resolver.ResolveAsync("Terraform", "v" + version, cancellationToken: TestTimeout.Token()));
    }

    [TerraformFact]
    public async Task ResolveAsync_LatestOrNoVersion_TakesPathTerraform()
    {
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, null, _directory.Combine("cache")), _http);

        Assert.Equal(ExternalTools.Terraform, await resolver.ResolveAsync("terraform", "latest", cancellationToken: TestTimeout.Token()));
        Assert.Equal(ExternalTools.Terraform, await resolver.ResolveAsync(null, null, cancellationToken: TestTimeout.Token()));
    }

    [TerraformFact]
    public async Task ResolveAsync_PathVersionMismatchAndNoDownload_ListsWhatWasTriedAndHowToConfigure()
    {
        var pathVersion = await PathTerraformVersionAsync();
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(new Dictionary<string, string> { ["1.5.7"] = "/nowhere/terraform" }, null, _directory.Combine("cache")), _http);

        var thrown = await Assert.ThrowsAsync<TerraformNotFoundException>(() => resolver.ResolveAsync("terraform", "0.12.31", cancellationToken: TestTimeout.Token()));

        Assert.Equal("0.12.31", thrown.Version);
        Assert.Equal(3, thrown.Tried.Count);
        Assert.Contains("No terraform 0.12.31 binary is available", thrown.Message, StringComparison.Ordinal);
        Assert.Contains($"is terraform {pathVersion}, not 0.12.31", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("configured: 1.5.7", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("ReleasesBaseUrl", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("TerraformBinaryOptions.Binaries (\"0.12.31\"", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_ConfiguredVersion_WinsOverPath()
    {
        var pinned = FakeBinary("pinned-terraform", "1.5.7");
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(new Dictionary<string, string> { ["1.5.7"] = pinned }, null, _directory.Combine("cache")), _http);
        var log = new LogLines();

        Assert.Equal(pinned, await resolver.ResolveAsync("terraform", "1.5.7", log.Add, TestTimeout.Token()));
        Assert.Contains(log.Lines, l => l.Contains("configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_ConfiguredTofu_ByItsPrefixedKey()
    {
        var tofu = FakeBinary("tofu", "1.8.0");
        var terraform = FakeBinary("terraform", "1.8.0");
        var options = new TerraformBinaryOptions(new Dictionary<string, string> { ["tofu:1.8.0"] = tofu, ["1.8.0"] = terraform }, null, _directory.Combine("cache"));
        var resolver = new TerraformBinaryResolver(options, _http);

        Assert.Equal(tofu, await resolver.ResolveAsync("tofu", "1.8.0", cancellationToken: TestTimeout.Token()));
        Assert.Equal(terraform, await resolver.ResolveAsync("terraform", "1.8.0", cancellationToken: TestTimeout.Token()));
    }

    [Fact]
    public async Task ResolveAsync_TofuLatest_HighestConfiguredWhenNoneOnPath()
    {
        var options = new TerraformBinaryOptions(
            new Dictionary<string, string> { ["tofu:1.8.0"] = FakeBinary("tofu-a", "1.8.0"), ["tofu:1.10.2"] = FakeBinary("tofu-b", "1.10.2"), ["1.99.0"] = FakeBinary("tf", "1.99.0") },
            null,
            _directory.Combine("cache"));

        var resolved = await new TerraformBinaryResolver(options, _http).ResolveAsync("tofu", "latest", cancellationToken: TestTimeout.Token());

        // Where a real tofu is installed it is preferred, as for terraform.
        Assert.EndsWith(ExternalToolsTofu() is null ? "tofu-b" : "tofu", resolved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_TofuVersionNowhere_ThrowsNamingTofuAndItsSetting()
    {
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, "http://127.0.0.1:1/terraform", _directory.Combine("cache")), _http);

        var thrown = await Assert.ThrowsAsync<TerraformNotFoundException>(() => resolver.ResolveAsync("tofu", "1.9.0", cancellationToken: TestTimeout.Token()));

        Assert.Equal("tofu", thrown.Tool);
        Assert.Contains("No tofu 1.9.0", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("TofuReleasesBaseUrl", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("\"tofu:1.9.0\"", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_Download_VerifiesExtractsAndCaches()
    {
        var (zip, zipName) = FakeRelease("9.9.9");
        using var server = ReleaseServer("9.9.9", zip, $"{Sha256(zip)}  {zipName}\n0000  terraform_9.9.9_other_arch.zip\n");
        var cache = _directory.Combine("cache");
        var log = new LogLines();
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, server.BaseUrl + "terraform/", cache), _http);

        var path = await resolver.ResolveAsync("terraform", "9.9.9", log.Add, TestTimeout.Token());

        Assert.Equal(Path.Combine(cache, "terraform", "9.9.9", "terraform"), path);
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains(log.Lines, l => l.StartsWith("Verified", StringComparison.Ordinal));
        Assert.Equal(["9.9.9"], Directory.EnumerateFileSystemEntries(Path.Combine(cache, "terraform")).Select(Path.GetFileName));
        var output = new LogLines();
        await ProcessRunner.RunAsync(new ProcessSpec(path, ["version", "-json"], _directory.FullPath), output.Add, TestTimeout.Token());
        Assert.Equal(["{\"terraform_version\":\"9.9.9\"}"], output.Lines);

        var requests = server.Requests.Count;
        var again = await new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, server.BaseUrl + "terraform", cache), _http)
            .ResolveAsync("terraform", "9.9.9", cancellationToken: TestTimeout.Token());
        Assert.Equal(path, again);
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public async Task ResolveAsync_ZipDownloadAnswered503Once_IsRetriedByTheNamedClient()
    {
        var (zip, zipName) = FakeRelease("9.9.6");
        var zipPath = $"/terraform/9.9.6/{zipName}";
        var zipRequests = 0;
        using var server = new TinyHttpServer(request =>
            request.Path == zipPath ? (Interlocked.Increment(ref zipRequests) == 1 ? (503, []) : (200, zip))
            : request.Path == $"/terraform/9.9.6/terraform_9.9.6_SHA256SUMS" ? (200, Encoding.UTF8.GetBytes($"{Sha256(zip)}  {zipName}\n"))
            : (404, []));
        using var services = new ServiceCollection().AddTerraformHttpClient().BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(TerraformHttpClient.Name);
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, server.BaseUrl + "terraform", _directory.Combine("cache")), http);

        var path = await resolver.ResolveAsync("terraform", "9.9.6", cancellationToken: TestTimeout.Token());

        Assert.True(File.Exists(path));
        Assert.Equal(2, server.Requests.Count(r => r.Path == zipPath));
    }

    [Fact]
    public async Task ResolveAsync_DownloadWithWrongChecksum_DiscardedAndNothingCached()
    {
        var (zip, zipName) = FakeRelease("9.9.8");
        using var server = ReleaseServer("9.9.8", zip, $"{new string('0', 64)}  {zipName}\n");
        var cache = _directory.Combine("cache");
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, server.BaseUrl + "terraform", cache), _http);

        var thrown = await Assert.ThrowsAsync<TerraformNotFoundException>(() => resolver.ResolveAsync("terraform", "9.9.8", cancellationToken: TestTimeout.Token()));

        Assert.Contains("SHA-256", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(cache, "terraform")));
    }

    [Fact]
    public async Task ResolveAsync_DownloadWithoutChecksums_UsedAndSaysItIsUnverified()
    {
        var (zip, _) = FakeRelease("9.9.7");
        using var server = ReleaseServer("9.9.7", zip, sums: null);
        var log = new LogLines();
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, server.BaseUrl + "terraform", _directory.Combine("cache")), _http);

        Assert.True(File.Exists(await resolver.ResolveAsync("terraform", "9.9.7", log.Add, TestTimeout.Token())));
        Assert.Contains(log.Lines, l => l.Contains("not verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_ReleaseMissing_ThrowsWithTheUrlAndStatus()
    {
        using var server = new TinyHttpServer(_ => (404, []));
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, server.BaseUrl + "terraform", _directory.Combine("cache")), _http);

        var thrown = await Assert.ThrowsAsync<TerraformNotFoundException>(() => resolver.ResolveAsync("terraform", "9.9.6", cancellationToken: TestTimeout.Token()));

        Assert.Contains($"terraform/9.9.6/terraform_9.9.6_{TerraformBinaryResolver.Platform}.zip answered 404", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("terraform", "1.0; rm -rf /")]
    [InlineData("terraform", "../../1.0.0")]
    [InlineData("pulumi", "1.0.0")]
    public async Task ResolveAsync_InvalidToolOrVersion_Refused(string tool, string version)
    {
        var resolver = new TerraformBinaryResolver(new TerraformBinaryOptions(NoBinaries, null, _directory.Combine("cache")), _http);

        await Assert.ThrowsAsync<ArgumentException>(() => resolver.ResolveAsync(tool, version, cancellationToken: TestTimeout.Token()));
    }

    private static string? ExternalToolsTofu() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "tofu")).FirstOrDefault(File.Exists);

    private static async Task<string> PathTerraformVersionAsync()
    {
        using var output = new MemoryStream();
        var spec = new ProcessSpec(ExternalTools.Terraform!, ["version", "-json"], Path.GetTempPath()) { Environment = new Dictionary<string, string> { ["CHECKPOINT_DISABLE"] = "1" } };
        await ProcessRunner.RunAsync(spec, output, _ => { }, TestTimeout.Token());
        using var json = JsonDocument.Parse(output.ToArray());
        return json.RootElement.GetProperty("terraform_version").GetString()!;
    }

    private static string Script(string version) => $"#!/bin/sh\necho '{{\"terraform_version\":\"{version}\"}}'\n";

    private static (byte[] Zip, string Name) FakeRelease(string version)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("terraform").Open()))
            {
                writer.Write(Script(version));
            }

            using var license = new StreamWriter(archive.CreateEntry("LICENSE.txt").Open());
            license.Write("not extracted");
        }

        return (buffer.ToArray(), $"terraform_{version}_{TerraformBinaryResolver.Platform}.zip");
    }

    private static TinyHttpServer ReleaseServer(string version, byte[] zip, string? sums) => new(request =>
        request.Path == $"/terraform/{version}/terraform_{version}_{TerraformBinaryResolver.Platform}.zip" ? (200, zip)
        : request.Path == $"/terraform/{version}/terraform_{version}_SHA256SUMS" && sums is not null ? (200, Encoding.UTF8.GetBytes(sums))
        : (404, []));

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private string FakeBinary(string name, string version)
    {
        var path = _directory.Combine("bin-" + Guid.NewGuid().ToString("N")[..8], name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Script(version));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
