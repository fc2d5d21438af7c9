namespace Stratus.Cli.Commands.Apps;

/// <summary>A pool as the API answers it.</summary>
internal sealed record PoolInfo(
    string Name,
    string Provisioner,
    string Router,
    IReadOnlyDictionary<string, string>? RouterOptions,
    PoolRegistryInfo Registry,
    PoolKubernetesInfo? Kubernetes,
    bool Default,
    IReadOnlyList<string>? Teams,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
