namespace Stratus.Kubernetes.Runtime;

/// <summary>A unit a rollout waits for: just played, or kept from an earlier rollout of the same generation.</summary>
internal sealed record PodmanUnitTarget(string Name, string Process, string ContainerName, int Port, PodmanProbe? Probe)
{
    public static PodmanUnitTarget From(PodmanUnitPlan plan) => new(plan.Name, plan.Process, plan.ContainerName, plan.Port, plan.Probe);

    public static PodmanUnitTarget From(PodmanContainer container) =>
        new(container.UnitName ?? container.Name, container.Process, container.Name, container.Port, PodmanProbe.FromLabel(container.Label(PodmanLabels.Probe)));
}
