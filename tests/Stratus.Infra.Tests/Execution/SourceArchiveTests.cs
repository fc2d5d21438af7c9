using System.Runtime.Versioning;
using Stratus.Infra.Execution;
using Stratus.Testing;
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
