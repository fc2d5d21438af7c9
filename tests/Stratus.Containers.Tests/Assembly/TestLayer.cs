using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Stratus.Containers.Oci;

namespace Stratus.Containers.Tests.Assembly;

/// <summary>Writes a real gzip'd tar layer with the given files and returns it as a <see cref="LayerFile"/>.</summary>
internal static class TestLayer
{
    public static LayerFile Create(string directory, params (string Path, string Content)[] files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                    ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
            }
        }

        var tarBytes = tar.ToArray();
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tarBytes);
        }

        var gzBytes = gz.ToArray();
        var path = Path.Combine(directory, $"layer-{Guid.NewGuid():N}.tar.gz");
        File.WriteAllBytes(path, gzBytes);
        return new LayerFile(path, OciDigest.Sha256(gzBytes), OciDigest.Sha256(tarBytes), gzBytes.Length);
    }
}
