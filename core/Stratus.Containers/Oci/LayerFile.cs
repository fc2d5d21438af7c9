namespace Stratus.Containers.Oci;

/// <summary>
/// A compressed layer on disk, ready to push: <paramref name="Digest"/> is the sha256 of the gzip bytes (the blob),
/// <paramref name="DiffId"/> the sha256 of the uncompressed tar (what the image config's rootfs lists).
/// </summary>
public sealed record LayerFile(string Path, string Digest, string DiffId, long Size)
{
    public string MediaType { get; init; } = OciMediaTypes.LayerTarGzip;
}
