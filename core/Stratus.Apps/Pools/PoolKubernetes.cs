namespace Stratus.Apps.Pools;

/// <summary>The cluster and namespace a Kubernetes pool deploys to.</summary>
public sealed record PoolKubernetes(string Server, string Namespace);
