using Stratus.Apps.Jobs;

namespace Stratus.Api.Apps.Jobs;

/// <summary>A job as shown (Tsuru's fields, plus when the timer fires it next).</summary>
internal sealed record AppJobResponse(
    string Name,
    string TeamOwner,
    string Pool,
    string Plan,
    string? Description,
    IReadOnlyList<string> Tags,
    AppJobContainerResponse Container,
    string? Schedule,
    bool Manual,
    string ConcurrencyPolicy,
    long ActiveDeadlineSeconds,
    int? BackoffLimit,
    DateTimeOffset? NextDueAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AppJobResponse From(AppJob j) => new(
        j.Name, j.TeamOwner, j.Pool, j.Plan, j.Description, j.Tags,
        new AppJobContainerResponse(j.Container.Image, j.Container.App, j.Container.Command),
        j.Schedule, j.Manual, j.ConcurrencyPolicy, j.ActiveDeadlineSeconds, j.BackoffLimit, j.NextDueAt, j.CreatedBy, j.CreatedAt, j.UpdatedAt);
}
