namespace Stratus.Api.Apps.Pools;

/// <summary>The cluster part of a pool request; only a kubernetes pool needs it.</summary>
internal sealed record PoolKubernetesRequest(string? Server, string? Namespace);
