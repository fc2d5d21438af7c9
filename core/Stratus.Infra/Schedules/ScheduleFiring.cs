using Azure;

namespace Stratus.Infra.Schedules;

/// <summary>A row of the due index: schedule <see cref="ScheduleId"/> is due at <see cref="DueAt"/>.</summary>
/// <param name="RowKey">The index row's key, <c>{ticks:D19}|{org}|{ws}|{id}</c>.</param>
/// <param name="ETag">The index row's ETag, so removing it never removes a row rewritten meanwhile.</param>
public sealed record ScheduleFiring(string Organization, string Workspace, string ScheduleId, DateTimeOffset DueAt, string RowKey, ETag ETag)
{
    /// <summary>The once-key that makes this firing create at most one job, from any instance.</summary>
    public string OnceKey => $"schedule|{ScheduleId}|{DueAt.UtcTicks}";
}
