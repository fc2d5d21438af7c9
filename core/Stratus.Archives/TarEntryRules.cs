using System.Formats.Tar;
using System.Text;

namespace Stratus.Archives;

/// <summary>
/// What an entry must be before anything of it touches the disk: a type we unpack, no sparse map (GNU or PAX), and
/// names the file system can hold. Refusals name the entry, so the caller's 400 says which one to fix.
/// </summary>
internal static class TarEntryRules
{
    /// <summary>Linux's NAME_MAX: the most bytes in one path segment.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>
    /// The most bytes of a whole entry name. PATH_MAX is 4096 including the destination folder; this leaves room for it
    /// and is far beyond any real source tree.
    /// </summary>
    public const int MaxPathBytes = 2048;

    // GNU tar's PAX sparse formats (0.0, 0.1 and 1.0) mark a regular file with these records; its data is then a
    // sparse map and fragments, not the file's bytes, so unpacking it as a plain file would write the wrong content.
    private const string PaxSparsePrefix = "GNU.sparse.";

    public const string SparseRule = "sparse files are not supported; create the archive without --sparse (-S)";

    /// <summary>Throws <see cref="InvalidSourceArchiveException"/> naming the entry when it cannot be unpacked.</summary>
    public static void Check(TarEntry entry)
    {
        if (entry.EntryType == TarEntryType.SparseFile
            || (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(k => k.StartsWith(PaxSparsePrefix, StringComparison.Ordinal))))
        {
            throw new InvalidSourceArchiveException(entry.Name, SparseRule);
        }

        CheckPath(entry.Name, entry.Name, "its path");
        if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            CheckPath(entry.LinkName, entry.Name, "its link target");
        }
    }

    private static void CheckPath(string path, string entry, string what)
    {
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new InvalidSourceArchiveException(entry, $"{what} is longer than {MaxPathBytes} bytes");
        }

        foreach (var segment in path.Split('/'))
        {
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                throw new InvalidSourceArchiveException(entry, $"{what} has a name longer than {MaxSegmentBytes} bytes, more than a file system holds");
            }
        }
    }
}
