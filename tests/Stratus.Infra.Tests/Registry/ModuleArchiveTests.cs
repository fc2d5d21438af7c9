using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Stratus.Archives;
using Stratus.Infra.Registry.Modules;

namespace Stratus.Infra.Tests.Registry;

public sealed class ModuleArchiveTests
{
    [Fact]
    public async Task NormalizeAsync_ArchiveWithOwnersSetuidAndAnInsideLink_KeepsContentAndDropsTheRest()
    {
        var input = Build(
            new PaxTarEntry(TarEntryType.RegularFile, "main.tf") { DataStream = Text("# main"), Uid = 1234, Gid = 99, UserName = "mallory", Mode = UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute },
            new PaxTarEntry(TarEntryType.RegularFile, "docs/README.md") { DataStream = Text("docs") },
            new PaxTarEntry(TarEntryType.SymbolicLink, "readme") { LinkName = "docs/README.md" });
        using var output = new MemoryStream();

        var extracted = await ModuleArchive.NormalizeAsync(input, output, CancellationToken.None);
        var entries = Read(output.ToArray());

        Assert.Equal(2, extracted.Files);
        Assert.Equal(["docs/", "docs/README.md", "main.tf", "readme"], entries.Select(e => e.Name));
        var main = entries.Single(e => e.Name == "main.tf");
        Assert.Equal(0, main.Uid);
        Assert.Equal("", main.UserName);
        Assert.Equal(UnixFileMode.None, main.Mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit));
        Assert.Equal("docs/README.md", entries.Single(e => e.Name == "readme").LinkName);
    }

    [Fact]
    public async Task NormalizeAsync_LinkOutside_ThrowsNamingTheEntry()
    {
        var input = Build(
            new PaxTarEntry(TarEntryType.RegularFile, "main.tf") { DataStream = Text("#") },
            new PaxTarEntry(TarEntryType.SymbolicLink, "modules/escape") { LinkName = "../../etc" });
        using var output = new MemoryStream();

        var refused = await Assert.ThrowsAsync<InvalidSourceArchiveException>(() => ModuleArchive.NormalizeAsync(input, output, CancellationToken.None));

        Assert.Equal("modules/escape", refused.Entry);
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static MemoryStream Build(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private static List<(string Name, int Uid, string UserName, UnixFileMode Mode, string LinkName)> Read(byte[] archive)
    {
        var entries = new List<(string, int, string, UnixFileMode, string)>();
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add((entry.Name, entry.Uid, (entry as PosixTarEntry)?.UserName ?? "", entry.Mode, entry.LinkName));
        }

        return entries;
    }
}
