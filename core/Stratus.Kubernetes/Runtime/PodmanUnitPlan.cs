using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Runtime;

/// <summary>One unit a rollout plays: a single-replica copy of its process's Deployment, translated for podman.</summary>
/// <param name="Name">The played Deployment's name, <c>&lt;app&gt;-&lt;process&gt;-v&lt;version&gt;-&lt;generation&gt;-&lt;index&gt;</c>.</param>
/// <param name="Port">The unit's first host port (its <c>PORT</c>), 0 for a process that serves nothing.</param>
/// <param name="Probe">The readiness probe; <paramref name="StartupProbe"/> must pass first.</param>
/// <param name="PostStart">The manifest's <c>lifecycle.postStart.exec.command</c>, which Stratus runs itself.</param>
internal sealed record PodmanUnitPlan(
    string Process,
    int Version,
    int Index,
    string Name,
    int Port,
    string Generation,
    JsonObject Manifest,
    string ContainerName,
    PodmanProbe? Probe,
    IReadOnlyList<string>? PostStart)
{
    public PodmanProbe? StartupProbe { get; init; }

    /// <summary>Every host port of the unit by port name, <see cref="Port"/> first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Ports { get; init; } = [];

    /// <summary>podman names a played Deployment's pod <c>&lt;deployment&gt;-pod-0</c>.</summary>
    public string PodName => PodNameOf(Name);

    public static string PodNameOf(string unitName) => unitName + "-pod-0";
}
