using System.Globalization;

namespace Stratus.Kubernetes.Runtime;

/// <summary>One Deployment's rollout as the watch has seen it, and the deadlines Tsuru gives it.</summary>
internal sealed class RolloutProgress(string process, string deployment, TimeSpan healthWait, DateTimeOffset started)
{
    public string Process { get; } = process;

    public string Deployment { get; } = deployment;

    public TimeSpan HealthWait { get; } = healthWait;

    public DateTimeOffset Started { get; } = started;

    /// <summary>When the status last moved; the first sighting is not progress, so a rollout stuck from the start times out from its start.</summary>
    public DateTimeOffset LastProgress { get; private set; } = started;

    public KubernetesDeploymentStatus? Last { get; private set; }

    public bool Done { get; private set; }

    public DateTimeOffset Deadline(TimeSpan progressTimeout)
    {
        var stalled = LastProgress + progressTimeout;
        var unhealthy = Started + HealthWait;
        return stalled < unhealthy ? stalled : unhealthy;
    }

    /// <summary>Takes in a status; returns why the rollout failed, or null.</summary>
    public string? Observe(KubernetesDeploymentStatus status, DateTimeOffset now, Action<string> log)
    {
        if (status.DeadlineExceededMessage is not null)
        {
            return $"{Process}: the rollout exceeded its progress deadline: {status.DeadlineExceededMessage}";
        }

        if (Last is null || Last.ProgressKey != status.ProgressKey)
        {
            if (Last is null || Last.NewReady != status.NewReady)
            {
                log(string.Create(CultureInfo.InvariantCulture, $"{Process}: {status.NewReady}/{status.Desired} units ready"));
            }

            if (Last is not null)
            {
                LastProgress = now;
            }

            Last = status;
        }

        if (status.Complete && !Done)
        {
            Done = true;
            log(string.Create(CultureInfo.InvariantCulture, $"{Process}: rollout complete ({status.Desired} units)"));
        }

        return null;
    }

    /// <summary>Why the rollout has failed by <paramref name="now"/> (no progress, or units not ready in time), or null.</summary>
    public string? Expired(DateTimeOffset now, TimeSpan progressTimeout)
    {
        if (Done)
        {
            return null;
        }

        var ready = Last is null ? "no status yet" : string.Create(CultureInfo.InvariantCulture, $"{Last.NewReady}/{Last.Desired} units ready");
        if (now - LastProgress >= progressTimeout)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Process}: no rollout progress for {progressTimeout.TotalSeconds:0} s ({ready})");
        }

        if (now - Started >= HealthWait)
        {
            return Last is null
                ? string.Create(CultureInfo.InvariantCulture, $"{Process}: no status after {HealthWait.TotalSeconds:0} s")
                : string.Create(CultureInfo.InvariantCulture, $"{Process}: {ready} after {HealthWait.TotalSeconds:0} s");
        }

        return null;
    }
}
