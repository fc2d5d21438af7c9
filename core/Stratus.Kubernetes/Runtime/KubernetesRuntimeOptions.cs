namespace Stratus.Kubernetes.Runtime;

public sealed class KubernetesRuntimeOptions
{
    /// <summary>A rollout whose status has not moved for this long has failed (Tsuru: 10 minutes).</summary>
    public TimeSpan ProgressTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The floor of the health wait: every unit must be ready within max(healthcheck deploy timeout, this).</summary>
    public TimeSpan MinimumHealthWait { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How many of a crashed unit's last log lines a failed rollout reports.</summary>
    public int CrashLogLines { get; init; } = 20;

    /// <summary>How long restoring the previous spec may take when the deploy itself was cancelled.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The pause before re-opening a rollout watch the server closed without sending anything.</summary>
    public TimeSpan WatchRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
