using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Stratus.Containers.Tests.Source;

namespace Stratus.Containers.Tests.Builders;

/// <summary>Reads a pushed image back from the registry with skopeo: its config and the files its layers hold.</summary>
internal sealed record PushedImage(JsonElement Inspect, JsonElement Config, IReadOnlyDictionary<string, string> Files)
{
    public static async Task<PushedImage> ReadAsync(BuildahFixture fixture, string reference)
    {
        using var folder = new TempFolder("stratus-skopeo-");
        var inspect = JsonDocument.Parse(await fixture.SkopeoAsync("inspect", "--tls-verify=false", "docker://" + reference)).RootElement.Clone();
        var config = JsonDocument.Parse(await fixture.SkopeoAsync("inspect", "--config", "--tls-verify=false", "docker://" + reference)).RootElement.Clone();
        var copy = folder.Combine("image");
        await fixture.SkopeoAsync("copy", "--src-tls-verify=false", "docker://" + reference, "dir:" + copy);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(copy, "manifest.json")));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            var blob = Path.Combine(copy, layer.GetProperty("digest").GetString()!["sha256:".Length..]);
            await using var gzip = new GZipStream(File.OpenRead(blob), CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data && entry.Length < 64 * 1024)
                {
                    using var reader = new StreamReader(data);
                    files[entry.Name.TrimStart('.', '/')] = await reader.ReadToEndAsync();
                }
            }
        }

        return new PushedImage(inspect, config, files);
    }
}
