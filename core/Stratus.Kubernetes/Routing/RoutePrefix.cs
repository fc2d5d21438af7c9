namespace Stratus.Kubernetes.Routing;

/// <param name="Addresses">The ready units' <c>host:port</c> (the local proxy balances over them; API routers use the service).</param>
public sealed record RoutePrefix(string Prefix, string Namespace, string Service, int ServicePort, IReadOnlyList<string> Addresses);
