namespace Stratus.Containers.Source;

/// <summary>
/// What an app's source says about how to build and run it: Tsuru's <c>tsuru.yaml</c> (or <c>tsuru.yml</c>,
/// <c>app.yaml</c>, <c>app.yml</c>) plus the <c>Procfile</c>. Processes come from the YAML's <c>processes</c> when it
/// lists any, else from the Procfile; an empty list means the image's own ENTRYPOINT/CMD decides (as <c>web</c>).
/// </summary>
public sealed record AppBuildManifest
{
    public static AppBuildManifest Empty { get; } = new();

    public AppBuildHooks Hooks { get; init; } = AppBuildHooks.None;

    /// <summary>The app-wide healthcheck; a process's own <see cref="AppProcess.Healthcheck"/> wins for that process.</summary>
    public AppHealthcheck? Healthcheck { get; init; }

    /// <summary>Sorted by name.</summary>
    public IReadOnlyList<AppProcess> Processes { get; init; } = [];

    /// <summary><c>kubernetes.groups.&lt;group&gt;.&lt;process&gt;</c>: the ports each process exposes, per group.</summary>
    public IReadOnlyList<AppProcessPorts> KubernetesPorts { get; init; } = [];

    /// <summary>The YAML file that was read (e.g. <c>tsuru.yaml</c>), or null when there was none.</summary>
    public string? ManifestFile { get; init; }

    /// <summary>Where <see cref="Processes"/> came from: the YAML file's name, <c>Procfile</c>, or null when there are none.</summary>
    public string? ProcessesSource { get; init; }

    /// <summary>Things that were accepted but ignored (unknown fields, a Procfile shadowed by the YAML), for the deploy log.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
