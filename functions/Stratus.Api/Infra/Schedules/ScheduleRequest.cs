using Stratus.Api.Api.Validation;
using Stratus.Infra.Schedules;

namespace Stratus.Api.Infra.Schedules;

/// <summary>
/// A schedule to create (cron and template required; enabled by default) or the fields to change (any subset).
/// </summary>
/// <param name="Cron">Quartz format, UTC: <c>sec min hour day-of-month month day-of-week [year]</c>, e.g. <c>0 0 6 ? * MON-FRI</c>.</param>
/// <param name="Template">The id of an organization template.</param>
internal sealed record ScheduleRequest(
    [property: Text(QuartzCronParser.MaxLength)] string? Cron,
    [property: Text(InputLimits.InfraName)] string? Template,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description,
    bool? Enabled);
