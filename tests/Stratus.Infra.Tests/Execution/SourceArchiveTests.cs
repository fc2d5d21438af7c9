using System.Runtime.Versioning;
using Stratus.Infra.Execution;
using Stratus.Testing;
using Stratus.Testing.Archives;
using Stratus.Archives;

namespace Stratus.Infra.Tests.Execution;

// Unix file modes are part of what is checked; the executor runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class SourceArchiveTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _destination;

    public SourceArchiveTests()
    {
        _destination = _directory.Combine("dest");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ExtractAsync_ValidArchive_WritesFilesDirectoriesAndLinks()
    {
        using var archive = TarGz.Build(
            TarGz.File("main.tf", "resource \"terraform_data\" \"a\" {}"),
            TarGz.Directory("modules/"),
            TarGz.File("modules/net/main.tf", "# net"),
            TarGz.File("scripts/run.sh", "#!/bin/sh\necho hi\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.SetUser),
            TarGz.SymbolicLink("modules/shared.tf", "../main.tf"),
            TarGz.HardLink("copy.tf", "main.tf"),
            TarGz.File("./dot/ok.txt", "dot"));

        var result = await SourceArchive.ExtractAsync(archive, _destination, ArchiveLimits.Default, TestTimeout.Token());

        Assert.Equal(new ExtractedArchive(7, 5, 90), result);
        Assert.Equal("# net", await File.ReadAllTextAsync(Path.Combine(_destination, "modules/net/main.tf")));
        Assert.Equal("../main.tf", new FileInfo(Path.Combine(_destination, "modules/shared.tf")).LinkTarget);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_destination, "main.tf")), await File.ReadAllTextAsync(Path.Combine(_destination, "copy.tf")));
        Assert.True(File.Exists(Path.Combine(_destination, "dot/ok.txt")));
        var mode = File.GetUnixFileMode(Path.Combine(_destination, "scripts/run.sh"));
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), "the executable bit was lost");
        Assert.False(mode.HasFlag(UnixFileMode.SetUser), "setuid must never be restored");
    }

    [Fact]
    public async Task ExtractAsync_PathTraversal_RefusedAndLeavesNothing()
    {
        using var archive = TarGz.Build(TarGz.File("ok.tf", "ok"), TarGz.File("sub/../../x", "escaped"));

        var refused = await Refused(archive);

        Assert.Equal("sub/../../x", refused.Entry);
        Assert.Contains("'..'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("sub/../../x", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.Combine("x")));
    }

    [Fact]
    public async Task ExtractAsync_AbsolutePath_Refused()
    {
        var outside = _directory.Combine("absolute.txt");
        using var archive = TarGz.Build(TarGz.File(outside, "escaped"));

        var refused = await Refused(archive);

        Assert.Contains("absolute", refused.Rule, StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
    }

    [Theory]
    [InlineData("../../outside")]
    [InlineData("../../etc")]
    [InlineData("/etc")]
    [InlineData("a/../../..")]
    public async Task ExtractAsync_SymbolicLinkOutside_Refused(string target)
    {
        using var archive = TarGz.Build(TarGz.Directory("a/"), TarGz.SymbolicLink("a/evil", target));

        var refused = await Refused(archive);

        Assert.Equal("a/evil", refused.Entry);
        Assert.Contains("symbolic link", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_LinkEscapingThroughALaterLink_RefusedAndCleanUpFollowsNoLink()
    {
        // x -> d/l/.. is inside while d/l does not exist; once d/l -> .. exists, x points above the destination.
        var canary = _directory.Combine("canary.txt");
        await File.WriteAllTextAsync(canary, "still here");
        using var archive = TarGz.Build(TarGz.Directory("d/"), TarGz.SymbolicLink("x", "d/l/.."), TarGz.SymbolicLink("d/l", ".."));

        var refused = await Refused(archive);

        Assert.Equal("x", refused.Entry);
        Assert.True(File.Exists(canary));
    }

    [Fact]
    public async Task ExtractAsync_SymbolicLinkLoop_Refused()
    {
        using var archive = TarGz.Build(TarGz.SymbolicLink("a", "b"), TarGz.SymbolicLink("b", "a"));

        var refused = await Refused(archive);

        Assert.Contains("symbolic link", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_WriteThroughASymbolicLink_Refused()
    {
        using var archive = TarGz.Build(TarGz.Directory("sub/"), TarGz.SymbolicLink("link", "sub"), TarGz.File("link/file.tf", "through"));

        var refused = await Refused(archive);

        Assert.Equal("link/file.tf", refused.Entry);
        Assert.Contains("symbolic link", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_LaterFileReplacesALink_TargetUntouched()
    {
        using var archive = TarGz.Build(TarGz.File("real.tf", "original"), TarGz.SymbolicLink("alias.tf", "real.tf"), TarGz.File("alias.tf", "replacement"));

        await SourceArchive.ExtractAsync(archive, _destination, ArchiveLimits.Default, TestTimeout.Token());

        Assert.Equal("original", await File.ReadAllTextAsync(Path.Combine(_destination, "real.tf")));
        Assert.Equal("replacement", await File.ReadAllTextAsync(Path.Combine(_destination, "alias.tf")));
        Assert.Null(new FileInfo(Path.Combine(_destination, "alias.tf")).LinkTarget);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("missing.tf")]
    public async Task ExtractAsync_HardLinkOutsideOrDangling_Refused(string target)
    {
        using var archive = TarGz.Build(TarGz.HardLink("h.tf", target));

        var refused = await Refused(archive);

        Assert.Equal("h.tf", refused.Entry);
    }

    [Fact]
    public async Task ExtractAsync_DeviceFile_Refused()
    {
        using var archive = TarGz.Build(TarGz.File("ok.tf", "ok"), TarGz.CharacterDevice("null"));

        var refused = await Refused(archive);

        Assert.Equal("null", refused.Entry);
        Assert.Contains("device", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_Fifo_Refused()
    {
        using var archive = TarGz.Build(TarGz.Fifo("pipe"));

        Assert.Equal("pipe", (await Refused(archive)).Entry);
    }

    [Fact]
    public async Task ExtractAsync_TooManyEntries_RefusedAndLeavesNothing()
    {
        using var archive = TarGz.Build(Enumerable.Range(0, 6).Select(i => TarGz.File($"f{i}.tf", "x")).ToArray());

        var refused = await Refused(archive, ArchiveLimits.Default with { MaxEntries = 5 });

        Assert.Equal("f5.tf", refused.Entry);
        Assert.Contains("more than 5 entries", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_ContentTooBig_RefusedBeforeWriting()
    {
        using var archive = TarGz.Build(TarGz.File("small.tf", new byte[600]), TarGz.File("big.bin", new byte[600]));

        var refused = await Refused(archive, ArchiveLimits.Default with { MaxUncompressedBytes = 1000 });

        Assert.Equal("big.bin", refused.Entry);
        Assert.Contains("1000 bytes", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_CompressedTooBig_Refused()
    {
        using var archive = TarGz.Build(TarGz.File("noise.bin", TestData.RandomBytes(64 * 1024)));

        var refused = await Refused(archive, ArchiveLimits.Default with { MaxCompressedBytes = 10 * 1024 });

        Assert.Null(refused.Entry);
        Assert.Contains("compressed bytes", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_NotATarGz_Refused()
    {
        using var archive = new MemoryStream(TestData.RandomBytes(4096));

        var refused = await Refused(archive);

        Assert.Contains("not a valid gzip-compressed tar archive", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_GzipBomb_RefusedAtTheTotalLimitAndNeverWritesMore()
    {
        // Three 64 MiB files of zeros in a gzip of about 200 KB; 100 MiB may be unpacked in all.
        const long limit = 100L * 1024 * 1024;
        var bomb = _directory.Combine("bomb.tar.gz");
        HostileArchives.WriteGzipBomb(bomb, entries: 3, entryBytes: 64L * 1024 * 1024);
        await using var watched = new FolderPeakStream(File.OpenRead(bomb), _destination);

        var refused = await Refused(watched, ArchiveLimits.Default with { MaxUncompressedBytes = limit });

        Assert.True(new FileInfo(bomb).Length < 1024 * 1024, $"the bomb is {new FileInfo(bomb).Length} bytes compressed");
        Assert.Equal("bomb-1.bin", refused.Entry);
        Assert.Contains($"beyond {limit} bytes", refused.Rule, StringComparison.Ordinal);
        Assert.InRange(watched.PeakBytes, 1, limit);
    }

    [Fact]
    public async Task ExtractAsync_GzipBombEntryOverTheFileLimit_RefusedBeforeAByteIsWritten()
    {
        var bomb = _directory.Combine("bomb.tar.gz");
        HostileArchives.WriteGzipBomb(bomb, entries: 3, entryBytes: 48L * 1024 * 1024);
        await using var watched = new FolderPeakStream(File.OpenRead(bomb), _destination);

        var refused = await Refused(watched, ArchiveLimits.Default with { MaxEntryBytes = 32L * 1024 * 1024 });

        Assert.Equal("bomb-0.bin", refused.Entry);
        Assert.Contains($"at most {32L * 1024 * 1024}", refused.Rule, StringComparison.Ordinal);
        Assert.Equal(0, watched.PeakBytes);
    }

    [Fact]
    public async Task ExtractAsync_GnuSparseEntry_RefusedNamingIt()
    {
        using var archive = HostileArchives.GnuSparse("disk.img");

        var refused = await Refused(archive);

        Assert.Equal("disk.img", refused.Entry);
        Assert.Contains("sparse", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PaxSparseEntry_RefusedNamingIt()
    {
        using var archive = HostileArchives.PaxSparse("disk.img");

        var refused = await Refused(archive);

        Assert.Equal("./GNUSparseFile.0/disk.img", refused.Entry);
        Assert.Contains("sparse", refused.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(300)]
    [InlineData(5000)]
    public async Task ExtractAsync_NameLongerThanTheFileSystemHolds_RefusedNamingIt(int length)
    {
        var name = "dir/" + new string('n', length - 3) + ".tf";
        using var archive = HostileArchives.WithFile(name);

        var refused = await Refused(archive);

        Assert.Equal(name, refused.Entry);
        Assert.Contains("longer than", refused.Rule, StringComparison.Ordinal);
        Assert.Contains(name[..100], refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_LongPathOfShortSegments_Extracted()
    {
        var name = string.Join('/', Enumerable.Repeat(new string('d', 200), 4)) + "/main.tf";
        using var archive = HostileArchives.WithFile(name);

        await SourceArchive.ExtractAsync(archive, _destination, ArchiveLimits.Default, TestTimeout.Token());

        Assert.Equal("content", await File.ReadAllTextAsync(Path.Combine(_destination, name)));
    }

    [Fact]
    public async Task ExtractAsync_GzipOfNoise_Refused()
    {
        using var archive = new MemoryStream(HostileArchives.GzipOfNoise(4096));

        var refused = await Refused(archive);

        Assert.Contains("not a valid gzip-compressed tar archive", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_DamagedTarAnywhere_RefusedOrExtractedButNeverAnotherError()
    {
        // Every header field and PAX record of a small archive, damaged in turn: System.Formats.Tar throws several
        // exception types for these, and each must become the archive's refusal (a 400), never a 500.
        var refusals = 0;
        for (var offset = 0; offset < 3 * 1024; offset += 5)
        {
            using var archive = new MemoryStream(HostileArchives.TarDamagedAt(offset, 1 + (offset % 4)));
            var destination = _directory.Combine($"damaged-{offset}");
            try
            {
                await SourceArchive.ExtractAsync(archive, destination, ArchiveLimits.Default, TestTimeout.Token());
                LocalFiles.Delete(destination);
            }
            catch (InvalidSourceArchiveException)
            {
                refusals++;
                Assert.False(Directory.Exists(destination), $"damage at {offset} left the destination behind");
            }
        }

        // Most damage lands in fields the reader does not check (times, owners, padding); the checksum and sizes catch the rest.
        Assert.NotEqual(0, refusals);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(200)]
    public async Task ExtractAsync_TruncatedGzip_Refused(int keep)
    {
        using var archive = new MemoryStream(HostileArchives.Valid()[..keep]);

        var refused = await Refused(archive);

        Assert.Contains("not a valid gzip-compressed tar archive", refused.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_ExistingEmptyDestination_EmptiedButKeptOnFailure()
    {
        Directory.CreateDirectory(_destination);
        using var archive = TarGz.Build(TarGz.File("a.tf", "a"), TarGz.File("../b", "b"));

        await Assert.ThrowsAsync<InvalidSourceArchiveException>(() => SourceArchive.ExtractAsync(archive, _destination, ArchiveLimits.Default, TestTimeout.Token()));

        Assert.True(Directory.Exists(_destination));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_destination));
    }

    [Fact]
    public async Task ExtractAsync_NonEmptyDestination_RefusedAndUntouched()
    {
        Directory.CreateDirectory(_destination);
        await File.WriteAllTextAsync(Path.Combine(_destination, "keep.txt"), "keep");
        using var archive = TarGz.Build(TarGz.File("a.tf", "a"));

        await Assert.ThrowsAsync<IOException>(() => SourceArchive.ExtractAsync(archive, _destination, ArchiveLimits.Default, TestTimeout.Token()));

        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(_destination).Select(Path.GetFileName));
    }

    private async Task<InvalidSourceArchiveException> Refused(Stream archive, ArchiveLimits? limits = null)
    {
        var refused = await Assert.ThrowsAsync<InvalidSourceArchiveException>(() =>
            SourceArchive.ExtractAsync(archive, _destination, limits ?? ArchiveLimits.Default, TestTimeout.Token()));
        Assert.False(Directory.Exists(_destination), "the failed extraction left its destination behind");
        return refused;
    }
}
