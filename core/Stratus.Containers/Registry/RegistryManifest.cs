using Stratus.Containers.Oci;

namespace Stratus.Containers.Registry;

/// <summary>A manifest or index as the registry served it: its media type, exact bytes, and digest.</summary>
public sealed record RegistryManifest(string MediaType, byte[] Content, string Digest)
{
    public bool IsIndex => MediaType is OciMediaTypes.ImageIndex or OciMediaTypes.DockerManifestList;

    public OciManifest ParseManifest() =>
        IsIndex ? throw new InvalidDataException($"Expected an image manifest but got an index ({MediaType}).") : OciManifest.Parse(Content);

    public OciIndex ParseIndex() =>
        IsIndex ? OciIndex.Parse(Content) : throw new InvalidDataException($"Expected an image index but got {MediaType}.");
}
