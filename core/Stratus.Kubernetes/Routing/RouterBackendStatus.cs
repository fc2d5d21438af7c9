namespace Stratus.Kubernetes.Routing;

/// <param name="Status"><c>ready</c> or <c>not ready</c>.</param>
public sealed record RouterBackendStatus(string Status, string? Detail, IReadOnlyList<RouterCheck> Checks)
{
    public bool Ready => Status == "ready";
}
