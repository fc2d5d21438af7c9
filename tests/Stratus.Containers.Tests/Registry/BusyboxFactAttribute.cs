using Stratus.Containers.Tools;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Registry;

/// <summary>
/// A test that needs the busybox platform image in the real registry (docker-registry, busybox-static, buildah), and
/// skopeo when <paramref name="needsSkopeo"/>; skipped, saying why, where one is missing.
/// </summary>
public sealed class BusyboxFactAttribute : FactAttribute
{
    public BusyboxFactAttribute(bool needsSkopeo = false)
    {
        if (BusyboxPlatformImage.Unavailable is { } why)
        {
            Skip = why;
        }
        else if (needsSkopeo && !ContainerToolsEnvironment.IsInstalled("skopeo"))
        {
            Skip = "skopeo is not installed (apt-get install skopeo): this test pulls the image with an independent client.";
        }
    }
}
