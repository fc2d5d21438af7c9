using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps.Locks;
using Stratus.Testing;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Apps;

/// <summary>
/// <c>stratus app deploy</c> against the real API without podman: deploys that the server refuses or that fail before
/// anything runs, and the 409 of an app whose lock another operation holds. Real deploys are covered by the pipeline's end-to-end tests.
/// </summary>
public sealed class AppDeployCommandTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-cli-deploy-").FullName;

    [Fact]
    public async Task Deploy_FolderToAppWithoutPlatform_FollowsTheLogAndShowsTheFailure()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        File.WriteAllText(Path.Combine(_folder, "index.html"), "<h1>hi</h1>");

        var result = await session.RunAsync("app", "deploy", app, _folder, "-m", "first try");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Packed 1 file", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Deploy of {app} started (event ", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Deploy of {app} failed.", result.Error, StringComparison.Ordinal);
        Assert.Contains("has no platform", result.Error, StringComparison.Ordinal);
        var deploys = await AssertOkAsync(session.RunAsync("app", "deploys", app));
        Assert.Contains("error: ", deploys.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_AppLockHeld_Exits2NamingTheHolder()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        File.WriteAllText(Path.Combine(_folder, "index.html"), "<h1>hi</h1>");
        var holder = $"held-{Guid.NewGuid():N}";
        var locks = api.Services.GetRequiredService<AppLockStore>();
        Assert.True((await locks.TryAcquireAsync(app, holder, "app.deploy", "user alice", TimeSpan.FromMinutes(5), TestTimeout.Token())).Acquired);
        try
        {
            var deploy = await session.RunAsync("app", "deploy", app, _folder);
            var restart = await session.RunAsync("app", "restart", app);

            Assert.True(deploy.ExitCode == 2, deploy.ToString());
            Assert.Contains("App busy", deploy.Error, StringComparison.Ordinal);
            Assert.Contains($"app({app}) running app.deploy started by user alice", deploy.Error, StringComparison.Ordinal);
            Assert.Contains($"stratus app event cancel {app} {holder}", deploy.Error, StringComparison.Ordinal);
            Assert.Equal(2, restart.ExitCode);
            Assert.Contains(holder, restart.Error, StringComparison.Ordinal);
        }
        finally
        {
            await locks.ReleaseAsync(app, holder, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Deploy_TarGzWithPathTraversal_IsRefusedWithTheServersReason()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        var archive = Path.Combine(_folder, "evil.tar.gz");
        await WriteTarGzAsync(archive, "../escape.txt", "boom");

        var result = await session.RunAsync("app", "deploy", app, archive);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Invalid request", result.Error, StringComparison.Ordinal);
        Assert.Contains("escape.txt", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_FileThatIsNotTarGz_FailsBeforeCallingTheApi()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var zip = Path.Combine(_folder, "site.zip");
        File.WriteAllText(zip, "PK");

        var result = await session.RunAsync("app", "deploy", "some-app", zip);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is neither a folder nor a .tar.gz", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_TwoSources_IsAParseError()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("app", "deploy", "some-app", _folder, "--image", "127.0.0.1:5000/web:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Give one source", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_EmptyFolder_FailsBeforeCallingTheApi()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        Directory.CreateDirectory(Path.Combine(_folder, ".git"));

        var result = await session.RunAsync("app", "deploy", "some-app", _folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds no files to deploy", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task WriteTarGzAsync(string path, string entryName, string text)
    {
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
    }
}
