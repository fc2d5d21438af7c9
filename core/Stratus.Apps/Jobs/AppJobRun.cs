namespace Stratus.Apps.Jobs;

/// <summary>
/// One run of a job. <see cref="ExitCode"/> is the container's last exit code (after <see cref="Attempts"/> tries, as
/// a Job's backoff allows); <see cref="Error"/> says why a run failed without one (deadline, image, runtime).
/// <see cref="LogBlob"/> names the log, kept after the container is gone.
/// </summary>
public sealed record AppJobRun(
    string Job,
    string Id,
    string Trigger,
    DateTimeOffset? DueAt,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Image = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    int? ExitCode = null,
    int Attempts = 0,
    string? Error = null,
    string? ETag = null)
{
    /// <summary>The blob (in the logs container) that holds the run's output.</summary>
    public string LogBlob => LogBlobName(Job, Id);

    public static string LogBlobName(string job, string id) => $"appjobs/{job}/{id}.log";
}
