using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>A private registry module in Stratus's own API, with the source address terraform uses for it.</summary>
/// <param name="RegistrySource">What goes in a module block's <c>source</c>, after the registry host: <c>{organization}/{name}/{system}</c>.</param>
internal sealed record ModuleResponse(
    string Organization,
    string Name,
    string System,
    string RegistrySource,
    string? Description,
    string? Source,
    string LatestVersion,
    int VersionCount,
    DateTimeOffset UpdatedAt)
{
    public static ModuleResponse From(RegistryModule m) => new(
        m.Organization, m.Name, m.System, $"{m.Organization}/{m.Name}/{m.System}", m.Description, m.Source, m.LatestVersion, m.VersionCount, m.UpdatedAt);
}
