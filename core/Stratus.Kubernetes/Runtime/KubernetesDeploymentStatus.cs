using k8s.Models;

namespace Stratus.Kubernetes.Runtime;

/// <summary>What the rollout watch reads from a Deployment: the same checks as <c>kubectl rollout status</c>.</summary>
internal sealed record KubernetesDeploymentStatus(
    long Generation,
    long ObservedGeneration,
    int Desired,
    int Total,
    int Updated,
    int Ready,
    int Available,
    string? DeadlineExceededMessage)
{
    /// <summary>The new version's ready units: ready units minus the old ones still around (never more than the updated ones).</summary>
    public int NewReady => Math.Clamp(Ready - (Total - Updated), 0, Updated);

    public bool Complete =>
        ObservedGeneration >= Generation
        && Updated == Desired
        && Ready == Desired
        && Available == Desired
        // Old units still terminating: the previous version is not gone yet.
        && Total <= Updated;

    /// <summary>Anything that changes while a rollout moves; a rollout that keeps the same key is stuck.</summary>
    public (long, int, int, int, int) ProgressKey => (ObservedGeneration, Total, Updated, Ready, Available);

    public static KubernetesDeploymentStatus From(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = deployment.Status;
        var deadline = status?.Conditions?
            .LastOrDefault(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded") is { } condition
            ? condition.Message ?? "ProgressDeadlineExceeded"
            : null;

        return new KubernetesDeploymentStatus(
            deployment.Metadata?.Generation ?? 0,
            status?.ObservedGeneration ?? 0,
            // An absent replicas field means 1, as the API server defaults it.
            deployment.Spec?.Replicas ?? 1,
            status?.Replicas ?? 0,
            status?.UpdatedReplicas ?? 0,
            status?.ReadyReplicas ?? 0,
            status?.AvailableReplicas ?? 0,
            deadline);
    }
}
