namespace Stratus.Kubernetes.Routing;

/// <param name="Status"><c>ready</c> or <c>not ready</c>.</param>
/// <param name="Checks">The router's requests to each address of the backend, when a check path was asked for.</param>
public sealed record RouterBackendStatus(string Status, string? Detail, IReadOnlyList<RouterCheck> Checks)
{
    public bool Ready => Status == "ready";
}
