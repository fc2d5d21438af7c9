namespace Stratus.Cli.Commands.Infra;

/// <summary>A private registry module as the API answers it.</summary>
internal sealed record ModuleInfo(
    string Organization, string Name, string System, string RegistrySource, string? Description, string? Source, string LatestVersion, int VersionCount, DateTimeOffset UpdatedAt);
