using System.Text.Json.Serialization;
using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>A module as the public registry's API describes one (<c>GET :namespace/:name/:system[/:version]</c>, lists, search).</summary>
/// <param name="Versions">On the single-module answers: every version, newest first; null in lists.</param>
internal sealed record RegistryModuleResponse(
    string Id,
    string Owner,
    string Namespace,
    string Name,
    string Version,
    string Provider,
    string? Description,
    string? Source,
    [property: JsonPropertyName("published_at")] DateTimeOffset PublishedAt,
    long Downloads,
    bool Verified,
    IReadOnlyList<string>? Versions)
{
    public static RegistryModuleResponse From(RegistryModule module) => new(
        $"{module.Organization}/{module.Name}/{module.System}/{module.LatestVersion}", module.Organization, module.Organization, module.Name,
        module.LatestVersion, module.System, module.Description, module.Source, module.UpdatedAt, 0, false, null);

    public static RegistryModuleResponse From(RegistryModule module, ModuleVersion version, IReadOnlyList<ModuleVersion> versions) => new(
        $"{module.Organization}/{module.Name}/{module.System}/{version.Version}", version.PublishedBy, module.Organization, module.Name,
        version.Version, module.System, module.Description, version.Source ?? module.Source, version.PublishedAt, 0, false,
        versions.Select(v => v.Version).ToList());
}
