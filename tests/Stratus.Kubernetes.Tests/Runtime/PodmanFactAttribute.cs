using Stratus.Containers.Tools;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Runtime;

/// <summary>A test that runs apps under the real podman; skipped, saying why, where podman or the test image cannot be had.</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        Skip = Unavailable;
    }

    public static string? Unavailable =>
        (ContainerToolsEnvironment.IsInstalled("podman") ? null : "podman is not installed (apt-get install podman runc catatonit).") ??
        BusyboxPlatformImage.Unavailable;
}
