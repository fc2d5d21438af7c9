namespace Stratus.Kubernetes.Routing;

public sealed class IngressRouterOptions
{
    /// <summary>Apps are served at <c>&lt;app&gt;.&lt;Domain&gt;</c>.</summary>
    public required string Domain { get; init; }

    /// <summary>The ingress controller's class; null leaves it to the cluster's default class.</summary>
    public string? IngressClassName { get; init; }
}
