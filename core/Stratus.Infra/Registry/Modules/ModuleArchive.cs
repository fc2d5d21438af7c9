using System.Formats.Tar;
using System.IO.Compression;
using Stratus.Archives;

namespace Stratus.Infra.Registry.Modules;

/// <summary>
/// Turns whatever a publisher sent (an uploaded tar.gz, a git checkout) into the archive the registry serves: the
/// input is read as hostile with <see cref="SourceArchive"/> (size, entry and path limits; links confined), and what
/// it unpacked to is written again as a clean tar.gz — only directories, regular files (mode 0644, or 0755 when
/// executable) and links that stay inside, no owners, one fixed time — so the archive go-getter unpacks on a
/// terraform user's machine never carries what the input smuggled in.
/// </summary>
public static class ModuleArchive
{
    /// <summary>Module archives are source code; these bounds leave room for vendored examples and docs.</summary>
    public static ArchiveLimits Limits { get; } = new(50L * 1024 * 1024, 256L * 1024 * 1024, 10_000, 64L * 1024 * 1024);

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode DirectoryMode = FileMode | Executable;

    /// <summary>Reads <paramref name="tarGz"/> under <see cref="Limits"/> and writes its clean form to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidSourceArchiveException">The input is damaged, too large, or holds an entry that is not allowed (named).</exception>
    public static async Task<ExtractedArchive> NormalizeAsync(Stream tarGz, Stream output, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "stratus-module-" + Guid.NewGuid().ToString("N"));
        try
        {
            var extracted = await SourceArchive.ExtractAsync(tarGz, scratch, Limits, cancellationToken);
            if (extracted.Files == 0)
            {
                throw new InvalidSourceArchiveException(null, "it holds no files; a module needs at least its .tf files");
            }

            await PackAsync(scratch, output, skipGitFolder: false, cancellationToken);
            return extracted;
        }
        finally
        {
            LocalFiles.DeleteQuietly(scratch);
        }
    }

    /// <summary>
    /// Writes the tree under <paramref name="root"/> as a tar.gz, entries in ordinal order. Links are written as they
    /// are, unchecked: <see cref="NormalizeAsync"/> is what checks them, so pack a checkout and normalize the result.
    /// </summary>
    public static async Task PackAsync(string root, Stream output, bool skipGitFolder, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        await WriteDirectoryAsync(tar, new DirectoryInfo(root), "", skipGitFolder, cancellationToken);
    }

    private static async Task WriteDirectoryAsync(TarWriter tar, DirectoryInfo directory, string prefix, bool skipGitFolder, CancellationToken cancellationToken)
    {
        foreach (var item in directory.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix + item.Name;
            if (skipGitFolder && prefix.Length == 0 && item.Name == ".git")
            {
                continue;
            }

            if (item.LinkTarget is { } target)
            {
                await tar.WriteEntryAsync(Entry(TarEntryType.SymbolicLink, name, FileMode | Executable, linkName: target), cancellationToken);
            }
            else if (item is DirectoryInfo child)
            {
                await tar.WriteEntryAsync(Entry(TarEntryType.Directory, name + "/", DirectoryMode), cancellationToken);
                await WriteDirectoryAsync(tar, child, name + "/", skipGitFolder, cancellationToken);
            }
            else if (item is FileInfo file)
            {
                var executable = !OperatingSystem.IsWindows() && (file.UnixFileMode & UnixFileMode.UserExecute) != 0;
                await using var content = file.OpenRead();
                var entry = Entry(TarEntryType.RegularFile, name, executable ? FileMode | Executable : FileMode);
                entry.DataStream = content;
                await tar.WriteEntryAsync(entry, cancellationToken);
            }
        }
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, UnixFileMode mode, string? linkName = null)
    {
        var entry = new PaxTarEntry(type, name) { Mode = mode, ModificationTime = FixedTime, Uid = 0, Gid = 0 };
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }
}
