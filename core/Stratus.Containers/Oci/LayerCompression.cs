namespace Stratus.Containers.Oci;

/// <summary>
/// How an app layer's tar is compressed on disk and in the registry. <see cref="Gzip"/> is what every registry and
/// runtime accepts; <see cref="Zstd"/> (podman, containerd 1.5+, CRI-O) compresses random or already-compressed files
/// at disk speed where gzip manages a few dozen MB/s; <see cref="None"/> skips compression for registries on the same
/// host or network, where bytes are cheap and CPU is not.
/// </summary>
public enum LayerCompression
{
    Gzip,
    Zstd,
    None,
}
