namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// One run of an app job, resolved: the image (an app's serving image already looked up), the command that replaces
/// its entrypoint (empty: the image's own), env (values stay out of command lines), the plan's limits, the deadline
/// for the whole run and how many times a failing container is retried (a Job's <c>backoffLimit</c>).
/// </summary>
public sealed record JobRunSpec(
    string Job,
    string RunId,
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Env,
    ResourcePlan? Resources,
    TimeSpan Deadline,
    int BackoffLimit)
{
    /// <summary>Values the log must never show (private env values).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Names of the env vars that are private (a Kubernetes run reads them from the job's Secret).</summary>
    public IReadOnlySet<string> PrivateEnv { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The job's team, pool and manual flag, for the labels Tsuru's tools find a Kubernetes Job by.</summary>
    public string TeamOwner { get; init; } = "";

    public string Pool { get; init; } = "";

    public bool Manual { get; init; }
}
