using Stratus.Testing;

namespace Stratus.Containers.Tests.Assembly;

/// <summary>A theory that pulls and runs an image with podman from the real registry; skipped, saying why, where podman, the registry or the busybox platform image are missing.</summary>
public sealed class PodmanTheoryAttribute : TheoryAttribute
{
    public PodmanTheoryAttribute()
    {
        if (LocalAppRuntime.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
