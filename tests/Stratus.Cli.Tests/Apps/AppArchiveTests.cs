using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Stratus.Cli.Commands.Apps;
using Stratus.Testing;

namespace Stratus.Cli.Tests.Apps;

public sealed class AppArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-cli-archive-").FullName;

    [Fact]
    public async Task PackAsync_Folder_WritesRelativePathsWithoutGit()
    {
        Write("index.html", "<h1>hi</h1>");
        Write("css/site.css", "body {}");
        Write("css/deep/more.css", "p {}");
        Write(".git/HEAD", "ref: refs/heads/main");
        Write("vendor/.git", "gitdir: ../.git/modules/vendor");
        Write(".gitignore", "bin/");

        var (contents, entries) = await PackAndReadAsync();

        Assert.Equal(
            new[] { ".gitignore", "css/", "index.html", "vendor/", "css/deep/", "css/site.css", "css/deep/more.css" }.Order(StringComparer.Ordinal),
            entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("<h1>hi</h1>", entries["index.html"].Text);
        Assert.Equal(TarEntryType.Directory, entries["css/"].Type);
        Assert.Equal(4, contents.Files);
        Assert.Equal("<h1>hi</h1>".Length + "body {}".Length + "p {}".Length + "bin/".Length, contents.Bytes);
    }

    [Fact]
    public async Task PackAsync_ExecutableAndLink_KeepsModeAndLinkTarget()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Write("run.sh", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(Path.Combine(_folder, "run.sh"), (UnixFileMode)0b111_101_101);
        Write("data.txt", "data");
        File.SetUnixFileMode(Path.Combine(_folder, "data.txt"), (UnixFileMode)0b110_100_000);
        File.CreateSymbolicLink(Path.Combine(_folder, "current"), "data.txt");

        var (contents, entries) = await PackAndReadAsync();

        Assert.Equal((UnixFileMode)0b111_101_101, entries["run.sh"].Mode);
        Assert.Equal((UnixFileMode)0b110_100_000, entries["data.txt"].Mode);
        Assert.Equal(TarEntryType.SymbolicLink, entries["current"].Type);
        Assert.Equal("data.txt", entries["current"].LinkName);
        Assert.Equal(2, contents.Files);
    }

    [Fact]
    public async Task PackAsync_MissingFolder_FailsNamingIt()
    {
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<CliException>(() => AppArchive.PackAsync(Path.Combine(_folder, "absent"), output, TestTimeout.Token()));

        Assert.Contains("absent", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.tar.gz", true)]
    [InlineData("APP.TGZ", true)]
    [InlineData("app.zip", false)]
    [InlineData("app.tar", false)]
    public void IsTarGz_Name_RecognizesGzippedTars(string name, bool expected) => Assert.Equal(expected, AppArchive.IsTarGz(name));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<(AppArchiveContents Contents, Dictionary<string, Entry> Entries)> PackAndReadAsync()
    {
        var ct = TestTimeout.Token();
        using var archive = new MemoryStream();
        var contents = await AppArchive.PackAsync(_folder, archive, ct);
        archive.Position = 0;
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
        {
            var text = entry.DataStream is { } data ? await new StreamReader(data, Encoding.UTF8).ReadToEndAsync(ct) : null;
            entries.Add(entry.Name, new Entry(entry.EntryType, entry.Mode, entry.LinkName, text));
        }

        return (contents, entries);
    }

    private sealed record Entry(TarEntryType Type, UnixFileMode Mode, string LinkName, string? Text);
}
