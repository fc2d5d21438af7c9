namespace Stratus.Kubernetes.Routing;

public sealed record RouterCheck(string Address, string Status, string? Error);
