using Stratus.Infra.Jobs;

namespace Stratus.Api.Infra.Jobs;

/// <summary>A step, with the link to its log (which streams while the step runs).</summary>
internal sealed record JobStepResponse(int Number, string Name, string Type, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Reason, string? Log)
{
    public static JobStepResponse From(Job job, JobStep s) => new(
        s.Number, s.Name, s.Type, s.Status, s.StartedAt, s.FinishedAt, s.Reason,
        s.LogBlob is null ? null : $"/api/v1/organizations/{job.Organization}/workspaces/{job.Workspace}/jobs/{job.Id}/steps/{s.Number}/log");
}
