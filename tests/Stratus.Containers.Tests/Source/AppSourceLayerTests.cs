using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Stratus.Containers.Source;
using Stratus.Testing;
using Stratus.Archives;

namespace Stratus.Containers.Tests.Source;

// Unix modes are part of the layer; the local runtime is Linux.
[UnsupportedOSPlatform("windows")]
public sealed class AppSourceLayerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private int _builds;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CreateAsync_SameArchive_SameDigest()
    {
        var upload = SampleApp(DateTimeOffset.UtcNow);

        var first = await CreateAsync(upload);
        var second = await CreateAsync(upload);

        Assert.Equal(first.Layer.Digest, second.Layer.Digest);
        Assert.Equal(first.Layer.DiffId, second.Layer.DiffId);
        Assert.Equal(first.Layer.Size, second.Layer.Size);
        Assert.NotEqual(first.Layer.Path, second.Layer.Path);
    }

    [Fact]
    public async Task CreateAsync_SameFilesDifferentTimesAndOwners_SameDigest()
    {
        var first = await CreateAsync(SampleApp(DateTimeOffset.UnixEpoch.AddYears(30), uid: 1000));
        var second = await CreateAsync(SampleApp(DateTimeOffset.UnixEpoch.AddYears(40), uid: 0));

        Assert.Equal(first.Layer.Digest, second.Layer.Digest);
    }

    [Fact]
    public async Task CreateAsync_DifferentContent_DifferentDigest()
    {
        var first = await CreateAsync(TarGz.Build(TarGz.File("index.html", "one")));
        var second = await CreateAsync(TarGz.Build(TarGz.File("index.html", "two")));
        var third = await CreateAsync(TarGz.Build(TarGz.File("index.html", "one", TarGz.Executable)));

        Assert.NotEqual(first.Layer.Digest, second.Layer.Digest);
        Assert.NotEqual(first.Layer.DiffId, second.Layer.DiffId);
        Assert.NotEqual(first.Layer.Digest, third.Layer.Digest);
    }

    [Fact]
    public async Task CreateAsync_DependencyFolders_GoToALayerThatACodeChangeLeavesAlone()
    {
        byte[] App(string html) => TarGz.Build(
            TarGz.File("index.html", html),
            TarGz.File("node_modules/left-pad/index.js", "module.exports = () => 1;"),
            TarGz.File("vendor/lib.rb", "puts 1"),
            TarGz.File("vendors.txt", "not a dependency folder"));

        var first = await CreateAsync(App("one"));
        var second = await CreateAsync(App("two"));

        Assert.NotNull(first.DependencyLayer);
        Assert.Equal(first.DependencyLayer.Digest, second.DependencyLayer!.Digest);
        Assert.NotEqual(first.Layer.Digest, second.Layer.Digest);
        Assert.Equal([first.DependencyLayer, first.Layer], first.Layers);
        var dependencies = (await ReadLayerAsync(first.DependencyLayer.Path)).Select(e => e.Name).ToList();
        var code = (await ReadLayerAsync(first.Layer.Path)).Select(e => e.Name).ToList();
        Assert.Contains("home/application/current/node_modules/left-pad/index.js", dependencies);
        Assert.Contains("home/application/current/vendor/lib.rb", dependencies);
        Assert.DoesNotContain("home/application/current/index.html", dependencies);
        Assert.Contains("home/application/current/index.html", code);
        Assert.Contains("home/application/current/vendors.txt", code);
        Assert.DoesNotContain(code, n => n.Contains("node_modules", StringComparison.Ordinal) || n.Contains("/vendor/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_NoDependencyFolders_OneLayer()
    {
        var result = await CreateAsync(TarGz.Build(TarGz.File("index.html", "one")));

        Assert.Null(result.DependencyLayer);
        Assert.Equal([result.Layer], result.Layers);
    }

    [Fact]
    public async Task CreateAsync_SampleApp_LayoutUnderHomeApplicationCurrent()
    {
        var result = await CreateAsync(SampleApp(DateTimeOffset.UtcNow));

        var entries = await ReadLayerAsync(result.Layer.Path);

        Assert.Equal(
        [
            "home/", "home/application/", "home/application/current/",
            "home/application/current/Procfile",
            "home/application/current/bin/",
            "home/application/current/bin/start.sh",
            "home/application/current/current.html",
            "home/application/current/index.html",
            "home/application/current/static/",
            "home/application/current/static/site.css",
            "home/application/current/tsuru.yaml",
        ], entries.Select(e => e.Name));
        Assert.All(entries, e =>
        {
            Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime);
            Assert.Equal((0, 0), (e.Uid, e.Gid));
        });
        var directoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                            UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Assert.All(entries.Where(e => e.EntryType == TarEntryType.Directory), e => Assert.Equal(directoryMode, e.Mode));
        Assert.Equal(TarGz.Executable, entries.Single(e => e.Name.EndsWith("start.sh", StringComparison.Ordinal)).Mode);
        Assert.Equal(TarGz.Regular, entries.Single(e => e.Name.EndsWith("index.html", StringComparison.Ordinal)).Mode);
        var link = entries.Single(e => e.Name.EndsWith("current.html", StringComparison.Ordinal));
        Assert.Equal((TarEntryType.SymbolicLink, "index.html"), (link.EntryType, link.LinkName));
        Assert.Equal("<h1>hi</h1>", entries.Single(e => e.Name.EndsWith("index.html", StringComparison.Ordinal)).Content);
    }

    [Fact]
    public async Task CreateAsync_SampleApp_DigestsDescribeTheBytes()
    {
        var result = await CreateAsync(SampleApp(DateTimeOffset.UtcNow));

        var compressed = await File.ReadAllBytesAsync(result.Layer.Path, TestTimeout.Token());
        using var uncompressed = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(uncompressed, TestTimeout.Token());
        }

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(compressed)), result.Layer.Digest);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(uncompressed.ToArray())), result.Layer.DiffId);
        Assert.Equal(compressed.Length, result.Layer.Size);
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", result.Layer.MediaType);

        // No mtime in the gzip header (bytes 4-7), or the digest would change with the clock.
        Assert.Equal([0, 0, 0, 0], compressed[4..8]);
    }

    [Fact]
    public async Task CreateAsync_SampleApp_ManifestAndSourceFolderReturned()
    {
        var result = await CreateAsync(SampleApp(DateTimeOffset.UtcNow));

        Assert.Equal(["./bin/start.sh"], result.Manifest.Hooks.Build);
        Assert.Equal("web", Assert.Single(result.Manifest.Processes).Name);
        Assert.Equal("Procfile", result.Manifest.ProcessesSource);
        Assert.True(File.Exists(Path.Combine(result.SourceDirectory, "static", "site.css")));
        Assert.Equal(7, result.Archive.Entries);
    }

    [Fact]
    public async Task CreateAsync_InvalidManifest_ThrowsAndRemovesOutputs()
    {
        var work = _folder.Combine("bad-manifest");

        var error = await Assert.ThrowsAsync<AppManifestException>(() => AppSourceLayer.CreateAsync(
            new MemoryStream(TarGz.Build(TarGz.File("Procfile", "web: ok\nWEB: no\n"))), work, ArchiveLimits.Default, TestTimeout.Token()));

        Assert.Equal("Procfile: processes 'WEB' and 'web' would have the same Kubernetes name 'web'; rename one", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    public static TheoryData<string, byte[], string> HostileArchives => new()
    {
        { "path traversal", TarGz.Build(TarGz.File("ok.txt", "ok"), TarGz.File("../x", "escaped")), "'..' (path traversal)" },
        { "nested traversal", TarGz.Build(TarGz.File("a/../../x", "escaped")), "'..' (path traversal)" },
        { "absolute path", TarGz.Build(TarGz.File("/etc/x", "escaped")), "absolute paths are not allowed" },
        { "symlink escaping", TarGz.Build(TarGz.Directory("a/"), TarGz.SymbolicLink("a/evil", "../../etc")), "must not point outside the archive" },
        { "absolute symlink", TarGz.Build(TarGz.SymbolicLink("passwd", "/etc/passwd")), "symbolic links to absolute paths are not allowed" },
        { "write through symlink", TarGz.Build(TarGz.Directory("d/"), TarGz.SymbolicLink("l", "d"), TarGz.File("l/x", "x")), "must not pass through a symbolic link" },
        { "device", TarGz.Build(TarGz.CharacterDevice("null")), "device files and FIFOs are not allowed" },
        { "not gzip", "not a tarball at all"u8.ToArray(), "not a valid gzip-compressed tar archive" },
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task CreateAsync_HostileArchive_RefusedWithClearError(string what, byte[] upload, string rule)
    {
        var work = _folder.Combine("hostile");

        var error = await Assert.ThrowsAsync<InvalidSourceArchiveException>(() =>
            AppSourceLayer.CreateAsync(new MemoryStream(upload), work, ArchiveLimits.Default, TestTimeout.Token()));

        Assert.True(error.Message.Contains(rule, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.False(File.Exists(_folder.Combine("x")));
    }

    [Fact]
    public async Task CreateAsync_FilesLargerThanLimit_Refused()
    {
        var upload = TarGz.Build(TarGz.File("a.bin", new string('a', 600)), TarGz.File("b.bin", new string('b', 600)));

        var error = await Assert.ThrowsAsync<InvalidSourceArchiveException>(() =>
            AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine("big"), new ArchiveLimits(1024 * 1024, 1000, 100, 1024 * 1024), TestTimeout.Token()));

        Assert.Equal("b.bin", error.Entry);
        Assert.Contains("expand beyond 1000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_CompressedUploadLargerThanLimit_Refused()
    {
        var upload = TarGz.Build(TarGz.File("random.bin", Convert.ToBase64String(RandomNumberGenerator.GetBytes(8000))));

        var error = await Assert.ThrowsAsync<InvalidSourceArchiveException>(() =>
            AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine("big"), new ArchiveLimits(2000, 1024 * 1024, 100, 1024 * 1024), TestTimeout.Token()));

        Assert.Contains("larger than 2000 compressed bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_TooManyEntries_Refused()
    {
        var upload = TarGz.Build([.. Enumerable.Range(0, 11).Select(i => TarGz.File($"f{i}.txt", "x"))]);

        var error = await Assert.ThrowsAsync<InvalidSourceArchiveException>(() =>
            AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine("many"), new ArchiveLimits(1024 * 1024, 1024 * 1024, 10, 1024 * 1024), TestTimeout.Token()));

        Assert.Equal("f10.txt", error.Entry);
        Assert.Contains("more than 10 entries", error.Message, StringComparison.Ordinal);
    }

    private static byte[] SampleApp(DateTimeOffset modified, int uid = 1000) => TarGz.Build(
        TarGz.File("tsuru.yaml", "hooks:\n  build:\n    - ./bin/start.sh\n", TarGz.Regular, modified, uid),
        TarGz.File("Procfile", "web: httpd -f -p $PORT\n", TarGz.Regular, modified, uid),
        TarGz.File("index.html", "<h1>hi</h1>", TarGz.Regular, modified, uid),
        TarGz.Directory("static/"),
        TarGz.File("static/site.css", "body{}", TarGz.Regular, modified, uid),
        TarGz.File("bin/start.sh", "#!/bin/sh\necho started\n", TarGz.Executable, modified, uid),
        TarGz.SymbolicLink("current.html", "index.html"));

    private async Task<AppSourceLayerResult> CreateAsync(byte[] upload)
    {
        var work = _folder.Combine("build-" + Interlocked.Increment(ref _builds));
        return await AppSourceLayer.CreateAsync(new MemoryStream(upload), work, ArchiveLimits.Default, TestTimeout.Token());
    }

    private static async Task<List<LayerEntry>> ReadLayerAsync(string path)
    {
        var entries = new List<LayerEntry>();
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true, TestTimeout.Token()) is { } entry)
        {
            string? content = null;
            if (entry.DataStream is { } data)
            {
                using var text = new StreamReader(data);
                content = await text.ReadToEndAsync(TestTimeout.Token());
            }

            entries.Add(new LayerEntry(entry.Name, entry.EntryType, entry.Mode, entry.ModificationTime, entry.Uid, entry.Gid, entry.LinkName, content));
        }

        return entries;
    }
}
