namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Labels the podman runtime adds to a unit's pod template (they land on the container) on top of the manifest's own:
/// they are the runtime's whole state, so a restarted host knows every unit's port, generation and probe.
/// </summary>
internal static class PodmanLabels
{
    /// <summary>The unit's index within its process, as in Tsuru's per-unit naming.</summary>
    public const string Unit = "app-unit";

    /// <summary>The host port the unit serves on (its <c>PORT</c>); the port allocator skips every port so labelled.</summary>
    public const string Port = "stratus.io/port";

    /// <summary>A hash of what the process runs (version, image, command, env, probes, restart time): units of one generation are interchangeable.</summary>
    public const string Generation = "stratus.io/generation";

    /// <summary>The played Deployment's name; podman names the pod <c>&lt;name&gt;-pod-0</c>.</summary>
    public const string UnitName = "stratus.io/unit";

    /// <summary>The readiness probe, as <see cref="PodmanProbe.ToLabel"/> writes it.</summary>
    public const string Probe = "stratus.io/probe";

    /// <summary>The startup probe, as <see cref="PodmanProbe.ToLabel"/> writes it: readiness is probed only once it has passed.</summary>
    public const string StartupProbe = "stratus.io/startup-probe";

    /// <summary>
    /// Every port of the unit, <c>&lt;name&gt;=&lt;host port&gt;</c> comma-separated in the manifest's order (the first
    /// is <see cref="Port"/>); the port allocator skips them all, and the router reaches each by name.
    /// </summary>
    public const string Ports = "stratus.io/ports";
}
