using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Stratus.Testing.Archives;

/// <summary>
/// Hostile .tar.gz archives for the archive tests of more than one project: a real decompression bomb streamed to a
/// small file (never held in memory), sparse entries in GNU's two encodings, over-long names and damaged data.
/// </summary>
public static class HostileArchives
{
    /// <summary>
    /// Writes a gzip bomb to <paramref name="path"/>: <paramref name="entries"/> files of <paramref name="entryBytes"/>
    /// zeros each, named <c>bomb-0.bin</c>, <c>bomb-1.bin</c>…, compressed as it streams. 1 GiB of zeros is about 1 MB.
    /// </summary>
    public static void WriteGzipBomb(string path, int entries, long entryBytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        for (var i = 0; i < entries; i++)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"bomb-{i}.bin") { DataStream = new ZeroStream(entryBytes) });
        }
    }

    /// <summary>
    /// A GNU-format archive whose second entry is a GNU sparse file (type 'S'), as <c>tar --sparse</c> writes. TarWriter
    /// will not write that type, so a regular entry's header is rewritten: type flag and checksum.
    /// </summary>
    public static MemoryStream GnuSparse(string name)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "ok.tf") { DataStream = new MemoryStream("ok"u8.ToArray()) });
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(new byte[512]) });
        }

        var bytes = tar.ToArray();
        var header = bytes.AsSpan(1024, 512); // after ok.tf's header and its one data block
        header[156] = (byte)'S';
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[148..]);
        return Gzip(bytes);
    }

    /// <summary>
    /// A PAX archive with a file in GNU's PAX sparse format 1.0 (what GNU tar writes with <c>--sparse --format=posix</c>):
    /// a regular file whose <c>GNU.sparse.*</c> records say its data is a sparse map, not its content.
    /// </summary>
    public static MemoryStream PaxSparse(string realName)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, $"./GNUSparseFile.0/{realName}", new Dictionary<string, string>
        {
            ["GNU.sparse.major"] = "1",
            ["GNU.sparse.minor"] = "0",
            ["GNU.sparse.name"] = realName,
            ["GNU.sparse.realsize"] = "1048576",
        })
        { DataStream = new MemoryStream(Encoding.ASCII.GetBytes("1\n0\n512\n".PadRight(512, '\0') + new string('x', 512))) };
        return Build(Text("ok.tf", "ok"), entry);
    }

    /// <summary>One file whose name is <paramref name="name"/> (PAX records carry names of any length).</summary>
    public static MemoryStream WithFile(string name) => Build(Text(name, "content"));

    /// <summary>A valid archive of a few files, for damaging.</summary>
    public static byte[] Valid()
    {
        using var archive = Build(Text("main.tf", "resource \"terraform_data\" \"a\" {}\n"), Text("modules/net/main.tf", "# net\n"), Text("README.md", new string('r', 2000)));
        return archive.ToArray();
    }

    /// <summary>A gzip stream that is fine but holds no tar: random bytes, compressed.</summary>
    public static byte[] GzipOfNoise(int length)
    {
        using var gzip = Gzip(TestData.RandomBytes(length));
        return gzip.ToArray();
    }

    /// <summary>A well-compressed tar whose bytes from <paramref name="offset"/> on are damaged (XOR 0x5A), then gzipped again.</summary>
    public static byte[] TarDamagedAt(int offset, int length)
    {
        using var gz = new MemoryStream(Valid());
        using var gunzip = new GZipStream(gz, CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gunzip.CopyTo(tar);
        var bytes = tar.ToArray();
        for (var i = offset; i < Math.Min(bytes.Length, offset + length); i++)
        {
            bytes[i] ^= 0x5A;
        }

        return Gzip(bytes).ToArray();
    }

    private static MemoryStream Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        output.Position = 0;
        return output;
    }

    /// <summary>The small hostile archives by name, for theories: <c>gnu-sparse</c> and <c>pax-sparse</c> (entry
    /// <c>disk.img</c>), <c>long-name</c> (a 303-byte file name), <c>gzip-of-noise</c>, <c>truncated</c> and
    /// <c>damaged-header</c> (the second header's size field).</summary>
    public static byte[] Named(string kind) => kind switch
    {
        "gnu-sparse" => GnuSparse("disk.img").ToArray(),
        "pax-sparse" => PaxSparse("disk.img").ToArray(),
        "long-name" => WithFile(new string('n', 300) + ".tf").ToArray(),
        "gzip-of-noise" => GzipOfNoise(4096),
        "truncated" => Valid()[..100],
        "damaged-header" => TarDamagedAt(1024 + 124, 12),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such archive"),
    };

    private static PaxTarEntry Text(string name, string content) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private static MemoryStream Build(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                // Each entry is written in its own format (GNU or PAX).
                writer.WriteEntry(entry);
            }
        }

        buffer.Position = 0;
        return buffer;
    }
}
