using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

/// <summary>A test against the real docker-registry; skipped, saying why, where it is not installed.</summary>
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        if (RegistryServer.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
