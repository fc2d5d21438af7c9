using System.Formats.Tar;
using System.IO.Compression;
using Stratus.Archives;
using Stratus.Containers.Oci;
using Stratus.Containers.Source;
using Stratus.Testing;
using ZstdSharp;

namespace Stratus.Containers.Tests.Source;

/// <summary>The layer's compression: its media type and file name, and digests that match the bytes written.</summary>
public sealed class AppSourceLayerCompressionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(LayerCompression.Gzip, "application/vnd.oci.image.layer.v1.tar+gzip", "app-layer.tar.gz")]
    [InlineData(LayerCompression.Zstd, "application/vnd.oci.image.layer.v1.tar+zstd", "app-layer.tar.zst")]
    [InlineData(LayerCompression.None, "application/vnd.oci.image.layer.v1.tar", "app-layer.tar")]
    public async Task CreateAsync_Compression_MediaTypeNameAndDigestsMatchTheFile(LayerCompression compression, string mediaType, string fileName)
    {
        var upload = TarGz.Build(TarGz.File("index.html", "<h1>compressed</h1>"), TarGz.File("vendor/lib.js", "x"));

        var built = await AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine(compression.ToString()), ArchiveLimits.Default, compression, TestTimeout.Token());

        foreach (var layer in built.Layers)
        {
            Assert.Equal(mediaType, layer.MediaType);
            var bytes = await File.ReadAllBytesAsync(layer.Path, TestTimeout.Token());
            Assert.Equal(OciDigest.Sha256(bytes), layer.Digest);
            Assert.Equal(bytes.Length, layer.Size);
            var tar = Decompress(bytes, compression);
            Assert.Equal(OciDigest.Sha256(tar), layer.DiffId);
        }

        Assert.Equal(fileName, Path.GetFileName(built.Layer.Path));
        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(Decompress(await File.ReadAllBytesAsync(built.Layer.Path, TestTimeout.Token()), compression)));
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Contains("home/application/current/index.html", names);
    }

    [Theory]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task CreateAsync_SameArchiveTwice_SameDigest(LayerCompression compression)
    {
        var upload = TarGz.Build(TarGz.File("index.html", "<h1>same</h1>", modified: DateTimeOffset.UtcNow), TarGz.File("b.txt", new string('b', 100_000)));

        var first = await AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine("first"), ArchiveLimits.Default, compression, TestTimeout.Token());
        var second = await AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine("second"), ArchiveLimits.Default, compression, TestTimeout.Token());

        // A redeploy of unchanged files finds the layer in the registry only if the bytes come out the same.
        Assert.Equal(first.Layer.Digest, second.Layer.Digest);
    }

    [Fact]
    public async Task CreateAsync_None_DigestIsTheDiffId()
    {
        var built = await AppSourceLayer.CreateAsync(new MemoryStream(TarGz.Build(TarGz.File("a.txt", "a"))), _folder.Combine("none"), ArchiveLimits.Default, LayerCompression.None, TestTimeout.Token());

        Assert.Equal(built.Layer.DiffId, built.Layer.Digest);
    }

    private static byte[] Decompress(byte[] blob, LayerCompression compression)
    {
        using var output = new MemoryStream();
        using Stream input = compression switch
        {
            LayerCompression.Gzip => new GZipStream(new MemoryStream(blob), CompressionMode.Decompress),
            LayerCompression.Zstd => new DecompressionStream(new MemoryStream(blob)),
            _ => new MemoryStream(blob),
        };
        input.CopyTo(output);
        return output.ToArray();
    }
}
