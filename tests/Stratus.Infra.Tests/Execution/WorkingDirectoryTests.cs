using System.Runtime.Versioning;
using Stratus.Infra.Execution;

namespace Stratus.Infra.Tests.Execution;

// Unix file modes are part of what is checked; the executor runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class WorkingDirectoryTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Create_NewName_MakesSourceAndScratchUnderTheRoot()
    {
        using var work = WorkingDirectory.Create(_root.FullPath, "job-1-step-100");

        Assert.Equal(_root.Combine("job-1-step-100"), work.FullPath);
        Assert.True(Directory.Exists(work.SourceDirectory));
        Assert.True(Directory.Exists(work.ScratchDirectory));
        Assert.True(File.Exists(work.CliConfigFile));
    }

    [Fact]
    public void Create_LeftoversOfAnEarlierAttempt_Removed()
    {
        var leftover = _root.Combine("job-1-step-100", "source", "stale.tf");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        File.WriteAllText(leftover, "stale");

        using var work = WorkingDirectory.Create(_root.FullPath, "job-1-step-100");

        Assert.Empty(Directory.EnumerateFileSystemEntries(work.SourceDirectory));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("-x")]
    public void Create_NameThatIsNotOneSegment_Refused(string name) =>
        Assert.Throws<ArgumentException>(() => WorkingDirectory.Create(_root.FullPath, name));

    [Fact]
    public void Create_NameUpToTheFileSystemLimit_AcceptedBeyondRefused()
    {
        // Callers build names from organization, workspace, job and step, which together can pass 128 characters.
        using var longest = WorkingDirectory.Create(_root.FullPath, new string('a', 255));

        Assert.True(Directory.Exists(longest.FullPath));
        Assert.Throws<ArgumentException>(() => WorkingDirectory.Create(_root.FullPath, new string('a', 256)));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("/infra/prod", "infra/prod")]
    [InlineData("infra/prod/", "infra/prod")]
    [InlineData("infra/../infra/prod", "infra/prod")]
    public void ResolveFolder_FolderInsideTheSource_ResolvedFromTheSourceRoot(string? folder, string expected)
    {
        using var work = WorkingDirectory.Create(_root.FullPath, "w");
        Directory.CreateDirectory(Path.Combine(work.SourceDirectory, "infra", "prod"));

        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.Combine(work.SourceDirectory, expected)), work.ResolveFolder(folder));
    }

    [Theory]
    [InlineData("../scratch")]
    [InlineData("/../../")]
    [InlineData("infra/../../..")]
    [InlineData("escape")]
    [InlineData("escape/sub")]
    [InlineData("a\\b")]
    public void ResolveFolder_FolderLeadingOutside_Refused(string folder)
    {
        using var work = WorkingDirectory.Create(_root.FullPath, "w");
        Directory.CreateDirectory(Path.Combine(work.SourceDirectory, "infra"));
        File.CreateSymbolicLink(Path.Combine(work.SourceDirectory, "escape"), _root.FullPath);

        Assert.Throws<ArgumentException>(() => work.ResolveFolder(folder));
    }

    [Fact]
    public void ResolveFolder_MissingFolder_SaysSo()
    {
        using var work = WorkingDirectory.Create(_root.FullPath, "w");

        var thrown = Assert.Throws<DirectoryNotFoundException>(() => work.ResolveFolder("/nope"));

        Assert.Contains("'/nope'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_TreeWithLinksOutsideAndReadOnlyDirectories_DeletesOnlyTheTree()
    {
        var outside = _root.Combine("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "keep");
        var work = WorkingDirectory.Create(_root.FullPath, "w");
        File.CreateSymbolicLink(Path.Combine(work.SourceDirectory, "link-to-outside"), outside);
        var locked = Path.Combine(work.SourceDirectory, ".terraform", "providers");
        Directory.CreateDirectory(locked);
        File.WriteAllText(Path.Combine(locked, "bin"), "x");
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        work.Dispose();

        Assert.False(Directory.Exists(work.FullPath));
        Assert.True(File.Exists(Path.Combine(outside, "keep.txt")));
    }
}
