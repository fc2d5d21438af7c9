namespace Stratus.Kubernetes.Runtime;

/// <summary>A unit a rollout waits for: just played, or kept from an earlier rollout of the same generation.</summary>
/// <param name="StartupProbe">Must pass (once) before <paramref name="Probe"/> is run, as a Kubernetes startup probe.</param>
internal sealed record PodmanUnitTarget(string Name, string Process, string ContainerName, int Port, PodmanProbe? Probe, PodmanProbe? StartupProbe)
{
    public static PodmanUnitTarget From(PodmanUnitPlan plan) => new(plan.Name, plan.Process, plan.ContainerName, plan.Port, plan.Probe, plan.StartupProbe);

    public static PodmanUnitTarget From(PodmanContainer container) =>
        new(container.UnitName ?? container.Name, container.Process, container.Name, container.Port,
            PodmanProbe.FromLabel(container.Label(PodmanLabels.Probe)), PodmanProbe.FromLabel(container.Label(PodmanLabels.StartupProbe)));
}
