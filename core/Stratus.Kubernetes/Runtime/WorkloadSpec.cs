namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Everything a provisioner needs to run one version of an app: the same spec becomes the same Secret, Deployments and
/// Services on Kubernetes and under <c>podman kube play</c>. Units per process is the desired count (0 = stopped).
/// </summary>
/// <param name="Env">The app's environment, private values decrypted; it goes into the <c>&lt;app&gt;-env</c> Secret.</param>
/// <param name="RestartedAt">Changing it forces new units with the same image (restart).</param>
public sealed record WorkloadSpec(
    string App,
    int Version,
    string Image,
    string Namespace,
    IReadOnlyList<WorkloadProcess> Processes,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<string> RestartBefore,
    IReadOnlyList<string> RestartAfter,
    ResourcePlan Plan,
    string Team,
    string Pool)
{
    public string? RestartedAt { get; init; }
}
