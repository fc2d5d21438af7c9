namespace Stratus.Sandbox;

/// <summary>
/// Where job steps run, away from the control plane: a driver (podman locally, Container Apps jobs in Azure, a plain
/// process for development) starts a step detached under a name the caller chooses, and anyone holding that name —
/// the same process, or another one after a crash — can follow its log, wait for its exit code, stop it and remove it.
/// A step sees only its working directory, the tools it is given, and the environment in its spec.
/// </summary>
public interface IStepSandbox
{
    /// <summary>The driver's name as settings spell it, e.g. <c>podman</c>.</summary>
    string Driver { get; }

    /// <summary>Why this driver cannot run steps on this machine (a tool missing, a setting refused), or null when it can.</summary>
    string? Unavailable { get; }

    /// <summary>
    /// Creates and starts the sandbox detached: it keeps running when the caller goes away. A sandbox of the same name
    /// that already exists is left alone and <see cref="SandboxAlreadyExistsException"/> is thrown, so a re-run never
    /// starts a step twice.
    /// </summary>
    Task StartAsync(StepSandboxSpec spec, CancellationToken cancellationToken);

    /// <summary>The sandbox's state; <see cref="SandboxStatus.Missing"/> when no sandbox has this name.</summary>
    Task<SandboxInfo> InspectAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the sandbox's output (stdout and stderr merged, unmasked) a line at a time, skipping the first
    /// <paramref name="fromLine"/> lines, until it exits; returns its exit code. Cancelling stops following, never the sandbox.
    /// </summary>
    /// <exception cref="SandboxMissingException">No sandbox has this name (never started, or removed).</exception>
    Task<int> FollowAsync(string name, long fromLine, Action<string> onLine, CancellationToken cancellationToken);

    /// <summary>
    /// Stops a running sandbox: an interrupt to every process in it first (terraform then releases its state lock),
    /// a kill once <paramref name="gracePeriod"/> has passed. A sandbox that is not running is left as it is.
    /// </summary>
    Task StopAsync(string name, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Removes the sandbox (killing it if it still runs) and what the driver kept of it; nothing when it is gone.</summary>
    Task RemoveAsync(string name, CancellationToken cancellationToken);
}
