namespace Stratus.Archives;

/// <summary>Bounds on an uploaded source archive, checked while it streams.</summary>
/// <param name="MaxCompressedBytes">The most bytes read from the .tar.gz itself.</param>
/// <param name="MaxUncompressedBytes">The most bytes of file content written to disk in all (links copied as files count too).</param>
/// <param name="MaxEntries">The most tar entries of any kind.</param>
/// <param name="MaxEntryBytes">
/// The most bytes of one file. A decompression bomb declares huge entries; this refuses one at its header, before a
/// byte of it is written, even when the total limit would still leave room for it.
/// </param>
public sealed record ArchiveLimits(long MaxCompressedBytes, long MaxUncompressedBytes, int MaxEntries, long MaxEntryBytes)
{
    /// <summary>Generous for Terraform configurations, which are rarely more than a few megabytes.</summary>
    public static ArchiveLimits Default { get; } = new(256L * 1024 * 1024, 1024L * 1024 * 1024, 50_000, 256L * 1024 * 1024);
}
