namespace Stratus.Kubernetes.Routing;

/// <param name="Addresses">The ready units' <c>host:port</c> (the local proxy balances over them; API routers use the service).</param>
public sealed record RoutePrefix(string Prefix, string Namespace, string Service, int ServicePort, IReadOnlyList<string> Addresses)
{
    /// <summary>
    /// True for a per-port prefix on a port other than the process's first: only a router that targets a Service port
    /// (ingress, local) can serve it. Tsuru's router API targets <c>{namespace, service}</c> without a port, so such a
    /// prefix would land on the Service's first port.
    /// </summary>
    public bool NeedsPortTarget { get; init; }
}
