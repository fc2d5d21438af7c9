namespace Stratus.Kubernetes.Routing;

/// <summary>One entry of the legacy <c>POST /backend/{name}/routes</c>: addresses served under a prefix.</summary>
public sealed record RouterRoute(string Prefix, IReadOnlyList<string> Addresses);
