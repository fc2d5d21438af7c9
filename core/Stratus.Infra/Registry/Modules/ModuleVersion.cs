namespace Stratus.Infra.Registry.Modules;

/// <summary>One published version of a module: where its clean archive is, what it came from, who published it.</summary>
/// <param name="Source">The git repository it was published from, or null for an uploaded archive.</param>
/// <param name="Tag">The git tag it was published from (<c>v1.2.0</c>), or null for an uploaded archive.</param>
/// <param name="ArchiveBlob">The blob in <see cref="ModuleStore.ArchiveContainer"/> holding the re-packed tar.gz.</param>
/// <param name="Sha256">The archive's SHA-256 (lower-case hex).</param>
public sealed record ModuleVersion(
    string Organization,
    string Name,
    string System,
    string Version,
    string? Source,
    string? Tag,
    string ArchiveBlob,
    string Sha256,
    long Size,
    int Files,
    DateTimeOffset PublishedAt,
    string PublishedBy);
