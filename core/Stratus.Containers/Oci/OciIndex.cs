using System.Text.Json.Serialization;

namespace Stratus.Containers.Oci;

/// <summary>An image index (OCI) or manifest list (Docker): one manifest per platform.</summary>
public sealed record OciIndex
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("manifests")]
    public required IReadOnlyList<OciDescriptor> Manifests { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public static OciIndex Parse(ReadOnlySpan<byte> json) =>
        OciJson.Deserialize<OciIndex>(json, "image index");

    public byte[] ToJsonBytes() => OciJson.Serialize(this);

    /// <summary>
    /// The entry for <paramref name="os"/>/<paramref name="architecture"/> (any variant), or else the first entry:
    /// single-platform images pushed as an index often leave the platform out.
    /// </summary>
    public OciDescriptor? Select(string os = "linux", string architecture = "amd64") =>
        Manifests.FirstOrDefault(m =>
            string.Equals(m.Platform?.Os, os, StringComparison.Ordinal) &&
            string.Equals(m.Platform?.Architecture, architecture, StringComparison.Ordinal))
        ?? Manifests.FirstOrDefault();
}
