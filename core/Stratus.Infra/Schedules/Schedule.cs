namespace Stratus.Infra.Schedules;

/// <summary>
/// A workspace schedule (Terrakube's Schedule): a Quartz <see cref="Cron"/> (UTC) that queues a job from
/// <see cref="Template"/> at every firing while <see cref="Enabled"/>.
/// </summary>
/// <param name="NextDueAt">The next firing; <c>null</c> when disabled or when the expression has no more occurrences.</param>
/// <param name="LastFiredAt">The due time of the last firing handled, whether it queued a job or was skipped.</param>
/// <param name="LastJobId">The job the last queued firing created.</param>
/// <param name="LastSkipReason">Why the last firing queued nothing (a locked or missing workspace, a bad template); <c>null</c> after a job.</param>
public sealed record Schedule(
    string Organization,
    string Workspace,
    string Id,
    string Cron,
    string Template,
    string? Description,
    bool Enabled,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? LastFiredAt,
    int? LastJobId,
    string? LastSkipReason,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt);
