namespace Stratus.Sandbox;

/// <summary>How job steps are sandboxed, bound from <c>Stratus:Infra:Jobs:Sandbox</c> and validated on start.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Stratus:Infra:Jobs:Sandbox";

    /// <summary>The Azure driver's name (Container Apps jobs, project Stratus.Sandbox.ContainerApps, which registers itself).</summary>
    public const string ContainerAppsDriver = "containerapps";

    /// <summary><c>podman</c>, <c>containerapps</c> (Azure), <c>process</c> (development only) or empty: podman where it is installed.</summary>
    public string? Driver { get; set; }

    /// <summary>The <c>process</c> driver runs steps as the API's own user, with its files and network; it is refused unless this is true.</summary>
    public bool AllowUnsandboxedProcess { get; set; }

    /// <summary>The step image (busybox, bash, CA certificates, a non-root user); built offline when missing.</summary>
    public string Image { get; set; } = "localhost/stratus-step:1";

    /// <summary>podman <c>--cpus</c>.</summary>
    public double Cpus { get; set; } = 1.0;

    /// <summary>podman <c>--memory</c>, in MiB.</summary>
    public int MemoryMiB { get; set; } = 2048;

    /// <summary>podman <c>--pids-limit</c>.</summary>
    public int PidsLimit { get; set; } = 1024;

    /// <summary>The uid and gid steps run as (when Stratus runs as root; rootless podman maps the caller's own).</summary>
    public int UserId { get; set; } = 10001;

    /// <summary>After an interrupt, how long a step may take to stop (terraform releasing its lock) before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(20);
}
