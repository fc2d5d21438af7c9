namespace Stratus.Cli.Commands.Infra;

/// <summary>A workspace schedule: a Quartz cron (UTC) that queues a job from a template.</summary>
internal sealed record ScheduleInfo(
    string Id,
    string Cron,
    string Template,
    string? Description,
    bool Enabled,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? LastFiredAt,
    int? LastJobId,
    string? LastSkipReason);
