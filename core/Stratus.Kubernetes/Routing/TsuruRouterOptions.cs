namespace Stratus.Kubernetes.Routing;

public sealed class TsuruRouterOptions
{
    /// <summary>The router's base URL; routes are under <c>api/</c> (or <c>api/&lt;mode&gt;/</c> with <see cref="Mode"/>).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Sent as <c>X-Router-Instance</c> when one router serves several instances.</summary>
    public string? Instance { get; init; }

    public string? Token { get; init; }

    /// <summary>The router mode (<c>service</c>, <c>ingress</c>, <c>ingress-nginx</c>, …) when the router serves several.</summary>
    public string? Mode { get; init; }
}
