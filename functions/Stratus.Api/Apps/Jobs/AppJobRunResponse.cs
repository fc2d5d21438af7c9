using Stratus.Apps.Jobs;

namespace Stratus.Api.Apps.Jobs;

/// <summary>A run as shown: its status, times, the image it ran, the container's exit code and attempts, and why it failed.</summary>
internal sealed record AppJobRunResponse(
    string Id,
    string Job,
    string Trigger,
    DateTimeOffset? DueAt,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Image,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    int Attempts,
    string? Error)
{
    public static AppJobRunResponse From(AppJobRun r) => new(
        r.Id, r.Job, r.Trigger, r.DueAt, r.Status, r.CreatedBy, r.CreatedAt, r.Image, r.StartedAt, r.FinishedAt, r.ExitCode, r.Attempts, r.Error);
}
