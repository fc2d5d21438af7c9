using Stratus.Infra.Schedules;

namespace Stratus.Api.Infra.Schedules;

internal sealed record ScheduleResponse(
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
    DateTimeOffset UpdatedAt)
{
    public static ScheduleResponse From(Schedule s) => new(
        s.Id, s.Cron, s.Template, s.Description, s.Enabled, s.NextDueAt, s.LastFiredAt, s.LastJobId, s.LastSkipReason, s.CreatedAt, s.CreatedBy, s.UpdatedAt);
}
