using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Stratus.Benchmarks.Infra;

/// <summary>Builds a workspace's tar.gz configuration upload in memory.</summary>
internal static class TarGz
{
    public static byte[] Create(params (string Name, string Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var data = new MemoryStream(Encoding.UTF8.GetBytes(content));
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
            }
        }

        return output.ToArray();
    }
}
