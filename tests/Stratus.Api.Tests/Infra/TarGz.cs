using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Stratus.Api.Tests.Infra;

/// <summary>Builds tar.gz archives in memory for upload tests, including hostile ones.</summary>
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
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }
}
