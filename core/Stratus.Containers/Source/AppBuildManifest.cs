namespace Stratus.Containers.Source;

/// <summary>
/// What an app's source says about how to build and run it: Tsuru's <c>tsuru.yaml</c> (or <c>tsuru.yml</c>,
/// <c>app.yaml</c>, <c>app.yml</c>) plus the <c>Procfile</c>. As in Tsuru, the two are merged per process name: the
/// YAML's <c>processes[].command</c> wins, the Procfile gives the other processes and the commands the YAML leaves out,
/// and the YAML entry's checks and ports attach to the name. An empty list means the image's own ENTRYPOINT/CMD decides
/// (as <c>web</c>).
/// </summary>
public sealed record AppBuildManifest
{
    public static AppBuildManifest Empty { get; } = new();

    public AppBuildHooks Hooks { get; init; } = AppBuildHooks.None;

    /// <summary>
    /// The app-wide healthcheck. As in Tsuru it is the web process's readiness check only while tsuru.yaml lists no
    /// <c>processes</c> (<see cref="ChecksPerProcess"/>); then each process has its own or none.
    /// </summary>
    public AppHealthcheck? Healthcheck { get; init; }

    /// <summary>The app-wide startupcheck; applies as <see cref="Healthcheck"/> does.</summary>
    public AppHealthcheck? Startupcheck { get; init; }

    /// <summary>tsuru.yaml lists <c>processes</c>: checks come from each process's entry, never from the app-wide ones.</summary>
    public bool ChecksPerProcess { get; init; }

    /// <summary>Sorted by name.</summary>
    public IReadOnlyList<AppProcess> Processes { get; init; } = [];

    /// <summary><c>kubernetes.groups.&lt;group&gt;.&lt;process&gt;</c>: the ports each process exposes, per group.</summary>
    public IReadOnlyList<AppProcessPorts> KubernetesPorts { get; init; } = [];

    /// <summary>The YAML file that was read (e.g. <c>tsuru.yaml</c>), or null when there was none.</summary>
    public string? ManifestFile { get; init; }

    /// <summary>Where <see cref="Processes"/> came from: the YAML file's name, <c>Procfile</c>, both (<c>tsuru.yaml, Procfile</c>), or null when there are none.</summary>
    public string? ProcessesSource { get; init; }

    /// <summary>Things that were accepted but ignored (unknown fields, skipped Procfile lines, shadowed commands), for the deploy log.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The ports <paramref name="process"/> declares, as Tsuru picks them: its <c>processes[].ports</c> when not empty,
    /// else its <c>kubernetes.groups</c> entry's (empty for <c>ports: []</c>), else null (the provisioner's default).
    /// </summary>
    public IReadOnlyList<AppPort>? PortsOf(string process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (Processes.FirstOrDefault(p => p.Name == process)?.Ports is { Count: > 0 } own)
        {
            return own;
        }

        return KubernetesPorts.FirstOrDefault(p => p.Process == process && p.Ports is not null)?.Ports;
    }
}
