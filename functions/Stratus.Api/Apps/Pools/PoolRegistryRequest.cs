namespace Stratus.Api.Apps.Pools;

/// <summary>The registry part of a pool request; missing values are reported by the pool's own rules.</summary>
internal sealed record PoolRegistryRequest(string? Address, string? Namespace, bool? Insecure);
