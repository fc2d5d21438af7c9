namespace Stratus.Cli.Commands.Registry;

/// <summary>A published provider version as the API answers it.</summary>
internal sealed record ProviderVersionInfo(
    string Organization,
    string Type,
    string Version,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<ProviderPlatformInfo> Platforms,
    string KeyId,
    DateTimeOffset PublishedAt,
    string PublishedBy);
