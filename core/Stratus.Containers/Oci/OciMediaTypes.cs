namespace Stratus.Containers.Oci;

internal static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string LayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string LayerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string LayerTar = "application/vnd.oci.image.layer.v1.tar";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary>The OCI layer media type of a tar compressed with <paramref name="compression"/>.</summary>
    public static string LayerOf(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => LayerTarGzip,
        LayerCompression.Zstd => LayerTarZstd,
        LayerCompression.None => LayerTar,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown layer compression."),
    };
}
