using Stratus.Containers.Oci;
using Stratus.Containers.Registry;

namespace Stratus.Containers.Assembly;

/// <summary>The pushed image: its reference (the target's tag), manifest digest, config and what pushing it cost.</summary>
public sealed record AssembledImage(ImageReference Image, string ManifestDigest, ImageConfig Config, PushStatistics Stats)
{
    /// <summary>The image pinned by digest, e.g. for a deployment that must not follow later pushes of the tag.</summary>
    public ImageReference Pinned => ImageReference.Create(Image.Registry, Image.Repository, tag: null, digest: ManifestDigest);
}
