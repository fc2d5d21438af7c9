namespace Stratus.Kubernetes.Routing;

/// <summary>One of the router's checks of a backend address (kubernetes-router's <c>urlCheck</c>).</summary>
/// <param name="Status">The HTTP status the address answered with; 0 when it did not answer (see <paramref name="Error"/>).</param>
public sealed record RouterCheck(string Address, int Status, string? Error);
