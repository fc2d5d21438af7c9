using System.IO.Compression;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// Checks an uploaded provider zip as hostile input, without unpacking it to disk: it must be a readable zip within
/// <see cref="ProviderPackageLimits"/>, every entry must decompress with a matching CRC, no entry may be a link or leave
/// the folder terraform unpacks it into, and the provider binary (<c>terraform-provider-&lt;type&gt;</c>, optionally
/// followed by <c>_…</c> or <c>.exe</c>) must be a file at its root, because terraform refuses a package without it.
/// </summary>
public static class ProviderPackageCheck
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;

    /// <returns>What is wrong with the package, naming it, or <c>null</c> if terraform can install it.</returns>
    public static async Task<string?> ProblemAsync(Stream zip, ProviderPackageName name, ProviderPackageLimits limits, CancellationToken cancellationToken)
    {
        var file = name.FileName;
        if (zip.Length == 0)
        {
            return $"{file} is empty.";
        }

        if (zip.Length > limits.MaxZipBytes)
        {
            return $"{file} is {zip.Length} bytes; a provider zip may have at most {limits.MaxZipBytes}.";
        }

        try
        {
            await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            if (archive.Entries.Count > limits.MaxEntries)
            {
                return $"{file} has {archive.Entries.Count} entries; a provider zip may have at most {limits.MaxEntries}.";
            }

            var binary = false;
            var total = 0L;
            foreach (var entry in archive.Entries)
            {
                if (EntryProblem(entry) is { } problem)
                {
                    return $"{file}: entry '{Shown(entry.FullName)}' {problem}.";
                }

                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var read = await ReadAllAsync(entry, limits.MaxUncompressedBytes - total, cancellationToken);
                if (read is null)
                {
                    return $"{file} expands beyond {limits.MaxUncompressedBytes} bytes.";
                }

                total += read.Value;
                binary |= IsBinary(entry.FullName, name.Type) && read > 0;
            }

            return binary
                ? null
                : $"{file} holds no provider binary: put the executable at the zip's root, named {ProviderPackageName.Prefix}{name.Type} or {ProviderPackageName.Prefix}{name.Type}_v{name.Version}.";
        }
        catch (InvalidDataException ex)
        {
            return $"{file} is not a valid zip archive ({ex.Message}).";
        }
    }

    private static string? EntryProblem(ZipArchiveEntry entry)
    {
        var path = entry.FullName;
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            return "has a path terraform would not unpack safely (absolute, a drive, a backslash or a control character)";
        }

        if (path.TrimEnd('/').Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "has an empty, '.' or '..' path segment";
        }

        var type = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
        return type is 0 or UnixRegularFile or UnixDirectory ? null : "is a link or a special file; a provider zip holds only files and folders";
    }

    private static bool IsBinary(string path, string type)
    {
        var stem = ProviderPackageName.Prefix + type;
        return path == stem || path == stem + ".exe" || path.StartsWith(stem + "_", StringComparison.Ordinal);
    }

    /// <summary>Decompresses the entry, which checks its CRC, stopping once it passes <paramref name="allowed"/> bytes.</summary>
    /// <returns>The entry's size, or <c>null</c> if it is larger than allowed.</returns>
    private static async Task<long?> ReadAllAsync(ZipArchiveEntry entry, long allowed, CancellationToken cancellationToken)
    {
        if (entry.Length > allowed)
        {
            return null;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using var content = await entry.OpenAsync(cancellationToken);
            var read = 0L;
            int chunk;
            while ((chunk = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                read += chunk;
                if (read > allowed)
                {
                    return null;
                }
            }

            return read;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Shown(string value) => new((value.Length > 120 ? value[..120] + "…" : value).Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());
}
