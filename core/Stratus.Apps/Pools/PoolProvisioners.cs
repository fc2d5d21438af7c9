namespace Stratus.Apps.Pools;

/// <summary>Where a pool's apps run.</summary>
public static class PoolProvisioners
{
    /// <summary>Local: the Kubernetes manifests played with <c>podman kube play</c>.</summary>
    public const string Podman = "podman";

    public const string Kubernetes = "kubernetes";

    public static IReadOnlyList<string> All { get; } = [Podman, Kubernetes];
}
