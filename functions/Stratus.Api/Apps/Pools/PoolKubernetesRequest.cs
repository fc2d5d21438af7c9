using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Pools;

/// <summary>The cluster part of a pool request; only a kubernetes pool needs it.</summary>
internal sealed record PoolKubernetesRequest([property: Text(InputLimits.Url)] string? Server, [property: Text(InputLimits.Name)] string? Namespace);
