namespace Stratus.Containers.Tools;

/// <summary>
/// Where podman and buildah keep their configuration and storage. Stratus writes its own configuration files there
/// instead of relying on the machine's, because the local runtime must use runc, cgroupfs, the vfs driver and the host
/// network (never a bridge), whatever the machine defaults to.
/// </summary>
public sealed class ContainerToolsOptions
{
    public const string SectionName = "Stratus:Apps:ContainerTools";

    /// <summary>The folder for the generated <c>containers.conf</c>, <c>storage.conf</c>, <c>registries.conf</c> and the image storage.</summary>
    public string Directory { get; set; } = "";

    public string PodmanPath { get; set; } = "podman";

    public string BuildahPath { get; set; } = "buildah";

    /// <summary>vfs works everywhere, including inside containers without overlay support.</summary>
    public string StorageDriver { get; set; } = "vfs";

    /// <summary>Registries reached over plain HTTP (e.g. <c>127.0.0.1:5000</c>); loopback registries only, in practice.</summary>
    public IList<string> InsecureRegistries { get; set; } = [];
}
