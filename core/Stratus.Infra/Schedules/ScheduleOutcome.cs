namespace Stratus.Infra.Schedules;

/// <summary>What a firing did: queued <see cref="JobId"/> (null when the job existed already), or was skipped for <see cref="SkipReason"/>.</summary>
public sealed record ScheduleOutcome(int? JobId, string? SkipReason);
