using System.Text.Json.Serialization;

namespace Stratus.Containers.Oci;

/// <summary>
/// An image manifest. The OCI and Docker v2 schema 2 manifests share this shape; <see cref="MediaType"/> tells them
/// apart (it is optional in OCI and then comes from the response's Content-Type).
/// </summary>
public sealed record OciManifest
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("artifactType")]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("config")]
    public required OciDescriptor Config { get; init; }

    [JsonPropertyName("layers")]
    public required IReadOnlyList<OciDescriptor> Layers { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public static OciManifest Parse(ReadOnlySpan<byte> json) =>
        OciJson.Deserialize<OciManifest>(json, "image manifest");

    /// <summary>The manifest's bytes as pushed: compact, properties in declaration order, so equal manifests have equal digests.</summary>
    public byte[] ToJsonBytes() => OciJson.Serialize(this);
}
