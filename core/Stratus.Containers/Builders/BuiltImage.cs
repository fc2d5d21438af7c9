namespace Stratus.Containers.Builders;

/// <summary>A pushed image: the tag that was pushed and the manifest digest the registry holds for it.</summary>
public sealed record BuiltImage(string Reference, string Digest)
{
    /// <summary><c>registry/repository@sha256:…</c>: what deployments should run, so a re-pushed tag cannot change them.</summary>
    public string PinnedReference => ImageReferences.Repository(Reference) + "@" + Digest;
}
