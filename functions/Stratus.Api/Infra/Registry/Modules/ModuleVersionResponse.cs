using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>A published version: what it came from (a git tag or an upload), its archive's digest and size, who published it.</summary>
internal sealed record ModuleVersionResponse(
    string Version,
    string? Source,
    string? Tag,
    string Sha256,
    long Size,
    int Files,
    DateTimeOffset PublishedAt,
    string PublishedBy)
{
    public static ModuleVersionResponse From(ModuleVersion v) => new(v.Version, v.Source, v.Tag, v.Sha256, v.Size, v.Files, v.PublishedAt, v.PublishedBy);
}
