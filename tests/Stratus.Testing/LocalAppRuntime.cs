namespace Stratus.Testing;

/// <summary>Whether the local app runtime can run here: the registry, buildah, busybox-static for the platform image, and podman.</summary>
public static class LocalAppRuntime
{
    /// <summary>Why app deploys cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        BusyboxPlatformImage.Unavailable ?? (Executables.OnPath("podman") ? null : "podman is not installed (apt-get install podman).");
}
