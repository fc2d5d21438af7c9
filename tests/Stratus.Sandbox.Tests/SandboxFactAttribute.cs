using Stratus.Containers.Tools;
using Stratus.Sandbox.Podman;

namespace Stratus.Sandbox.Tests;

/// <summary>A test that runs steps under the real podman; skipped, saying why, where podman or the image's parts are missing.</summary>
public sealed class SandboxFactAttribute : FactAttribute
{
    public SandboxFactAttribute()
    {
        Skip = Unavailable;
    }

    public static string? Unavailable =>
        (ContainerToolsEnvironment.IsInstalled("podman") ? null : "podman is not installed (apt-get install podman runc catatonit).") ??
        (ContainerToolsEnvironment.IsInstalled("buildah") ? null : "buildah is not installed.") ??
        (File.Exists(StepImageBuilder.BusyboxPath) ? null : "busybox-static is not installed.") ??
        (File.Exists(StepImageBuilder.BashStaticPath) ? null : "bash-static is not installed (apt-get install bash-static).");
}
