using Stratus.Apps.Names;

namespace Stratus.Apps.Jobs;

/// <summary>
/// A job, as in Tsuru: a container run to completion, once when triggered (<see cref="Manual"/>) or on a cron
/// <see cref="Schedule"/>, owned by a team, in a pool, with a plan. <see cref="ActiveDeadlineSeconds"/> and
/// <see cref="BackoffLimit"/> mean what they mean in a Kubernetes Job. <see cref="NextDueAt"/> is when the timer fires
/// it next (none for manual jobs); <see cref="ETag"/> is the stored row's version as last read.
/// </summary>
public sealed record AppJob(
    string Name,
    string TeamOwner,
    string Pool,
    string Plan,
    string? Description,
    IReadOnlyList<string> Tags,
    AppJobContainer Container,
    string? Schedule,
    bool Manual,
    string ConcurrencyPolicy = AppJobConcurrency.Allow,
    long ActiveDeadlineSeconds = AppJob.DefaultActiveDeadlineSeconds,
    int? BackoffLimit = null,
    DateTimeOffset? NextDueAt = null,
    string CreatedBy = "",
    DateTimeOffset CreatedAt = default,
    DateTimeOffset UpdatedAt = default,
    string? ETag = null)
{
    /// <summary>Tsuru's default when a job sets none (or 0): an hour.</summary>
    public const long DefaultActiveDeadlineSeconds = 3600;

    /// <summary>Kubernetes' default retries of a failing Job.</summary>
    public const int DefaultBackoffLimit = 6;

    public const int MaxBackoffLimit = 100;

    public int Retries => BackoffLimit ?? DefaultBackoffLimit;

    /// <returns>What to fix, naming the field, or <c>null</c>.</returns>
    public string? Problem() =>
        AppNames.AppProblem(Name)?.Replace("app name", "job name", StringComparison.Ordinal)
        ?? AppNames.PlanProblem(Plan)
        ?? AppNames.PoolProblem(Pool)
        ?? (string.IsNullOrWhiteSpace(TeamOwner) ? "The job needs a team owner ('teamOwner')." : null)
        ?? Container.Problem()
        ?? (Manual
            ? (string.IsNullOrEmpty(Schedule) ? null : "A manual job has no 'schedule': remove it, or set 'manual': false.")
            : AppJobSchedule.Problem(Schedule))
        ?? (AppJobConcurrency.All.Contains(ConcurrencyPolicy, StringComparer.Ordinal)
            ? null
            : $"'concurrencyPolicy' '{ConcurrencyPolicy}' is not known: use one of {string.Join(", ", AppJobConcurrency.All)}.")
        ?? (ActiveDeadlineSeconds is < 1 or > 7 * 24 * 3600
            ? $"'activeDeadlineSeconds' must be 1–{7 * 24 * 3600} (a week); it was {ActiveDeadlineSeconds}."
            : null)
        ?? (BackoffLimit is < 0 or > MaxBackoffLimit ? $"'backoffLimit' must be 0–{MaxBackoffLimit}; it was {BackoffLimit}." : null);

    /// <summary>The job with its next firing after <paramref name="after"/> (none when manual).</summary>
    public AppJob ScheduledAfter(DateTimeOffset after) =>
        this with { NextDueAt = Manual || Schedule is null ? null : AppJobSchedule.NextAfter(Schedule, after) };
}
