using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

/// <summary>A theory against the real docker-registry; skipped, saying why, where it is not installed.</summary>
public sealed class RegistryTheoryAttribute : TheoryAttribute
{
    public RegistryTheoryAttribute()
    {
        if (RegistryServer.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
