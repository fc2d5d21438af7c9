using Stratus.Testing;

namespace Stratus.Containers.Tests.Builders;

/// <summary>A test that drives the real buildah, registry and skopeo; skipped, saying why, where one is missing.</summary>
public sealed class BuildahFactAttribute : FactAttribute
{
    public BuildahFactAttribute()
    {
        if (BusyboxPlatformImage.Unavailable is { } reason)
        {
            Skip = reason;
        }
        else if (!Stratus.Containers.Tools.ContainerToolsEnvironment.IsInstalled("skopeo"))
        {
            Skip = "skopeo is not installed (apt-get install skopeo): the tests inspect pushed images with it.";
        }
    }
}
