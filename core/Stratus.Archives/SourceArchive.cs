using System.Formats.Tar;
using System.IO.Compression;

namespace Stratus.Archives;

/// <summary>
/// Unpacks an uploaded workspace source (.tar.gz) as hostile input: no absolute paths, no <c>..</c>, no links that lead
/// out of the destination (checked again once every link exists, since one link can redirect another), no writing
/// through a link, no device or sparse files, no names the file system cannot hold, and size limits (in all, per file,
/// per entry count) enforced while the archive streams, before each file is written and during the copy. On any failure
/// the destination is left as it was found: removed if this call created it, emptied otherwise.
/// </summary>
public static class SourceArchive
{
    // Tar headers, PAX records and padding are not file content but could still hide a decompression bomb; allow this
    // much of them per entry on top of the content limit.
    private const long HeaderAllowancePerEntry = 8 * 1024;

    private const UnixFileMode PermissionBits =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static async Task<ExtractedArchive> ExtractAsync(Stream tarGz, string destination, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tarGz);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(limits);

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        var created = !Directory.Exists(root);
        if (!created && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException($"The extraction destination '{root}' is not empty.");
        }

        Directory.CreateDirectory(root);
        try
        {
            return await ExtractCoreAsync(tarGz, root, limits, cancellationToken);
        }
        catch
        {
            LocalFiles.DeleteQuietly(root, keepRoot: !created);
            throw;
        }
    }

    private static async Task<ExtractedArchive> ExtractCoreAsync(Stream tarGz, string root, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var compressed = new BoundedReadStream(tarGz, limits.MaxCompressedBytes,
            () => new InvalidSourceArchiveException(null, $"it is larger than {limits.MaxCompressedBytes} compressed bytes"));
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        var tar = new BoundedReadStream(gzip, limits.MaxUncompressedBytes + ((limits.MaxEntries + 1L) * HeaderAllowancePerEntry),
            () => new InvalidSourceArchiveException(null, $"it expands beyond {limits.MaxUncompressedBytes} bytes"));
        var witness = new TarBlockWitness(tar);
        await using var reader = new TarReader(witness, leaveOpen: true);

        var links = new List<(string Entry, string RelativePath)>();
        var entries = 0;
        var files = 0;
        var bytes = 0L;
        string? current = null;
        string? previous = null;
        try
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                current = entry.Name;
                if (++entries > limits.MaxEntries)
                {
                    throw new InvalidSourceArchiveException(entry.Name, $"the archive has more than {limits.MaxEntries} entries");
                }

                TarEntryRules.Check(entry);

                switch (entry.EntryType)
                {
                    case TarEntryType.GlobalExtendedAttributes:
                        // PAX global metadata, not a file.
                        break;
                    case TarEntryType.Directory:
                        var directory = Segments(entry.Name, entry.Name, "its path");
                        EnsureDirectories(root, directory, entry.Name);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        // The declared size is charged before the file is created; the copy then stops at it too.
                        var allowed = AddBytes(bytes, entry.Length, entry.Name, limits) - bytes;
                        await WriteFileAsync(root, entry, allowed, cancellationToken);
                        bytes += allowed;
                        files++;
                        break;
                    case TarEntryType.HardLink:
                        bytes = CopyHardLink(root, entry, bytes, limits);
                        files++;
                        break;
                    case TarEntryType.SymbolicLink:
                        links.Add((entry.Name, CreateSymbolicLink(root, entry)));
                        break;
                    case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                        throw new InvalidSourceArchiveException(entry.Name, "device files and FIFOs are not allowed");
                    default:
                        throw new InvalidSourceArchiveException(entry.Name, $"tar entries of type {entry.EntryType} are not supported; only files, directories and links are");
                }

                (previous, current) = (entry.Name, null);
            }
        }
        catch (NotSupportedException e) when (current is null && witness.LastTypeFlag is { } type && witness.LastName() is { } name)
        {
            // The reader refuses some entry types in the header itself, before there is an entry to name.
            throw new InvalidSourceArchiveException(name, type == 'S'
                ? TarEntryRules.SparseRule
                : $"tar entries of type '{type}' are not supported; only files, directories and links are", e);
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            // While an entry's data is read, the fault is that entry's; while a header is read, it follows the last good one.
            var where = current is null && previous is not null ? $" after entry '{previous}'" : "";
            throw new InvalidSourceArchiveException(current, $"it is not a valid gzip-compressed tar archive{where} ({e.Message})", e);
        }

        // A link checked on creation can be redirected by a later one (x -> d/l/.. before d/l -> ..): check them all again.
        foreach (var (name, relativePath) in links)
        {
            if (ConfinedPath.Resolve(root, relativePath) is null)
            {
                throw new InvalidSourceArchiveException(name, "symbolic links must not point outside the archive (here through other links)");
            }
        }

        return new ExtractedArchive(entries, files, bytes);
    }

    /// <summary>
    /// What System.Formats.Tar and GZipStream throw for a damaged or unsupported archive: the input's fault, so a 400,
    /// never a 500. (Names too long for the file system are refused before they reach it, see <see cref="TarEntryRules"/>.)
    /// </summary>
    private static bool IsMalformedInput(Exception e) =>
        e is InvalidDataException or FormatException or EndOfStreamException or NotSupportedException or ArgumentException
            or OverflowException or PathTooLongException;

    private static long AddBytes(long total, long length, string entry, ArchiveLimits limits)
    {
        if (length < 0)
        {
            throw new InvalidSourceArchiveException(entry, "its size is negative");
        }

        if (length > limits.MaxEntryBytes)
        {
            throw new InvalidSourceArchiveException(entry, $"it is {length} bytes; one file may have at most {limits.MaxEntryBytes}");
        }

        if (length > limits.MaxUncompressedBytes - total)
        {
            throw new InvalidSourceArchiveException(entry, $"the files expand beyond {limits.MaxUncompressedBytes} bytes");
        }

        return total + length;
    }

    private static async Task WriteFileAsync(string root, TarEntry entry, long allowed, CancellationToken cancellationToken)
    {
        var path = PrepareTarget(root, entry.Name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Keep the executable bit (scripts called from local-exec need it) but never setuid/setgid/sticky.
            options.UnixCreateMode = (entry.Mode & PermissionBits) | UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        if (entry.DataStream is { } data)
        {
            await CopyAtMostAsync(data, file, allowed, entry.Name, cancellationToken);
        }
    }

    /// <summary>
    /// Copies the entry's data, failing before a write would take the file past <paramref name="allowed"/> (its declared
    /// size, already charged against the limits): whatever the reader hands out, no more than that reaches the disk.
    /// </summary>
    private static async Task CopyAtMostAsync(Stream data, FileStream file, long allowed, string entry, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var written = 0L;
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (read > allowed - written)
                {
                    throw new InvalidSourceArchiveException(entry, $"its data is longer than the {allowed} bytes its header declares");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Hard links become copies: there is no portable API to make one, and a copy cannot alias anything outside.
    private static long CopyHardLink(string root, TarEntry entry, long bytes, ArchiveLimits limits)
    {
        var target = Segments(entry.LinkName, entry.Name, "its hard link target");
        var source = target.Length == 0 ? null : ConfinedPath.Resolve(root, string.Join('/', target));
        if (source is null)
        {
            throw new InvalidSourceArchiveException(entry.Name, "hard links must point to a file inside the archive");
        }

        if (!File.Exists(source))
        {
            throw new InvalidSourceArchiveException(entry.Name, "hard links must point to a regular file that appears earlier in the archive");
        }

        var total = AddBytes(bytes, new FileInfo(source).Length, entry.Name, limits);
        File.Copy(source, PrepareTarget(root, entry.Name));
        return total;
    }

    private static string CreateSymbolicLink(string root, TarEntry entry)
    {
        var segments = Segments(entry.Name, entry.Name, "its path");
        var target = entry.LinkName;
        if (string.IsNullOrEmpty(target) || target.Contains('\0', StringComparison.Ordinal) || target.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidSourceArchiveException(entry.Name, "symbolic link targets must be non-empty relative paths without backslashes");
        }

        if (target.StartsWith('/') || Path.IsPathRooted(target))
        {
            throw new InvalidSourceArchiveException(entry.Name, "symbolic links to absolute paths are not allowed");
        }

        var relativePath = string.Join('/', segments);
        var parent = string.Join('/', segments[..^1]);
        if (ConfinedPath.Resolve(root, parent.Length == 0 ? target : parent + "/" + target) is null)
        {
            throw new InvalidSourceArchiveException(entry.Name, "symbolic links must not point outside the archive");
        }

        File.CreateSymbolicLink(PrepareTarget(root, entry.Name), target);
        return relativePath;
    }

    /// <summary>Creates the parents of a non-directory entry and clears its own path; returns the full path.</summary>
    private static string PrepareTarget(string root, string name)
    {
        var segments = Segments(name, name, "its path");
        if (segments.Length == 0)
        {
            throw new InvalidSourceArchiveException(name, "only a directory may name the archive root");
        }

        EnsureDirectories(root, segments[..^1], name);
        var path = Path.Combine(root, Path.Combine(segments));
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            // A later entry replaces an earlier one, as tar does; deleting a link removes the link, never its target.
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            throw new InvalidSourceArchiveException(name, "a file must not replace a directory");
        }

        return path;
    }

    private static void EnsureDirectories(string root, string[] segments, string name)
    {
        var path = root;
        foreach (var segment in segments)
        {
            path = Path.Combine(path, segment);
            if (new FileInfo(path).LinkTarget is not null)
            {
                throw new InvalidSourceArchiveException(name, $"paths must not pass through a symbolic link ('{Path.GetRelativePath(root, path)}')");
            }

            if (File.Exists(path))
            {
                throw new InvalidSourceArchiveException(name, $"a directory must not replace a file ('{Path.GetRelativePath(root, path)}')");
            }

            // Directory modes from the archive are ignored: a read-only directory would only stop the clean-up.
            Directory.CreateDirectory(path);
        }
    }

    private static string[] Segments(string path, string entry, string what)
    {
        if (path.Contains('\0', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidSourceArchiveException(entry, $"{what} must not contain NUL characters or backslashes");
        }

        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
        {
            throw new InvalidSourceArchiveException(entry, $"{what} must be relative; absolute paths are not allowed");
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw new InvalidSourceArchiveException(entry, $"{what} must not contain '..' (path traversal)");
        }

        return segments;
    }
}
