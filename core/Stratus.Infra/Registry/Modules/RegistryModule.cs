namespace Stratus.Infra.Registry.Modules;

/// <summary>A module of an organization's private registry (<c>{organization}/{name}/{system}</c>) and its newest version.</summary>
/// <param name="Source">The git repository of its last git publish, if any.</param>
/// <param name="LatestVersion">The highest version by semver precedence.</param>
public sealed record RegistryModule(
    string Organization,
    string Name,
    string System,
    string? Description,
    string? Source,
    string LatestVersion,
    int VersionCount,
    DateTimeOffset UpdatedAt);
