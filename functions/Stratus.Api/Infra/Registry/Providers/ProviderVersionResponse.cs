using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>A published provider version with its platforms and their SHA-256 checksums, and the key that signed them.</summary>
internal sealed record ProviderVersionResponse(
    string Organization,
    string Type,
    string Version,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<ProviderVersionResponse.Platform> Platforms,
    string KeyId,
    DateTimeOffset PublishedAt,
    string PublishedBy)
{
    public sealed record Platform(string Os, string Arch, string Filename, string Shasum, long Size);

    public static ProviderVersionResponse From(ProviderVersion version) => new(
        version.Organization,
        version.Type,
        version.Version,
        version.Protocols,
        version.Platforms.Select(p => new Platform(p.Os, p.Arch, p.FileName, p.Shasum, p.Size)).ToList(),
        version.KeyId,
        version.PublishedAt,
        version.PublishedBy);
}
