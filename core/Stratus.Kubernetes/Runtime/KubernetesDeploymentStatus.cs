using System.Text.Json.Nodes;

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

    public static KubernetesDeploymentStatus From(JsonObject deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = deployment["status"] as JsonObject;
        string? deadline = null;
        if (status?["conditions"] is JsonArray conditions)
        {
            foreach (var condition in conditions.OfType<JsonObject>())
            {
                if (KubernetesJson.Text(condition, "type") == "Progressing" && KubernetesJson.Text(condition, "reason") == "ProgressDeadlineExceeded")
                {
                    deadline = KubernetesJson.Text(condition, "message") ?? "ProgressDeadlineExceeded";
                }
            }
        }

        return new KubernetesDeploymentStatus(
            KubernetesJson.Long(deployment["metadata"], "generation"),
            KubernetesJson.Long(status, "observedGeneration"),
            // An absent replicas field means 1, as the API server defaults it.
            deployment["spec"]?["replicas"] is null ? 1 : (int)KubernetesJson.Long(deployment["spec"], "replicas"),
            (int)KubernetesJson.Long(status, "replicas"),
            (int)KubernetesJson.Long(status, "updatedReplicas"),
            (int)KubernetesJson.Long(status, "readyReplicas"),
            (int)KubernetesJson.Long(status, "availableReplicas"),
            deadline);
    }
}
