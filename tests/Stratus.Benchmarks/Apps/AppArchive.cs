using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Stratus.Benchmarks.Apps;

/// <summary>Writes an app upload (.tar.gz) from in-memory files, as <c>stratus app deploy</c> sends one.</summary>
internal static class AppArchive
{
    private const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static byte[] Create(IEnumerable<(string Path, byte[] Content)> files)
    {
        using var output = new MemoryStream();
        Write(output, files, CompressionLevel.Fastest);
        return output.ToArray();
    }

    public static (string Path, byte[] Content) Text(string path, string content) => (path, Encoding.UTF8.GetBytes(content));

    /// <summary>
    /// Writes the archive to <paramref name="output"/>. Random content does not compress, so big uploads are written
    /// with <see cref="CompressionLevel.NoCompression"/>: the upload's own gzip is not what the benchmark measures.
    /// </summary>
    public static void Write(Stream output, IEnumerable<(string Path, byte[] Content)> files, CompressionLevel level)
    {
        using var gzip = new GZipStream(output, level, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (path, content) in files)
        {
            using var data = new MemoryStream(content, writable: false);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = data, Mode = FileMode });
        }
    }

    /// <summary>Incompressible bytes: neither the layer's gzip nor the registry can make them smaller.</summary>
    public static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
