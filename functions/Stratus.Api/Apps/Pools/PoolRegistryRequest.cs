using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Pools;

/// <summary>The registry part of a pool request; missing values are reported by the pool's own rules.</summary>
internal sealed record PoolRegistryRequest([property: Text(InputLimits.Url)] string? Address, [property: Text(InputLimits.Path)] string? Namespace, bool? Insecure);
