namespace Stratus.Kubernetes.Runtime;

/// <summary>How the local provisioner runs apps under <c>podman kube play</c> with host networking.</summary>
public sealed class PodmanRuntimeOptions
{
    public const string SectionName = "Stratus:Apps:Podman";

    /// <summary>
    /// Where the played manifests are written for the moment podman reads them (they hold the app's env, so they are
    /// private to the owner and deleted right after). Empty: <c>kube</c> under the container tools' folder.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// Host networking gives every unit the host's port space, so each unit gets its own port from this range as
    /// <c>PORT</c>; the router reaches units at <c>127.0.0.1:&lt;port&gt;</c>.
    /// </summary>
    public int PortRangeStart { get; set; } = 20000;

    public int PortRangeEnd { get; set; } = 29999;

    /// <summary>Tsuru's floor: a rollout waits max(healthcheck deploy timeout, this) for every unit to be ready.</summary>
    public TimeSpan MinimumReadyTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How often a rollout checks its new units (container state, then the readiness probe).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Grace before podman kills a unit it removes. podman 4.3 does not honour <c>terminationGracePeriodSeconds</c>, and
    /// a shell-less process running as PID 1 ignores SIGTERM, so every removal would otherwise wait podman's 10 s.
    /// </summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many of a crashed unit's last log lines a failed rollout reports.</summary>
    public int CrashLogLines { get; set; } = 20;
}
