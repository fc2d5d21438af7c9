namespace Stratus.Api.Triggers;

/// <summary>The persisted schedule status: the last occurrence run, the next one due, when this record was written.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
