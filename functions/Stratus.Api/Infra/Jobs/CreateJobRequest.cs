namespace Stratus.Api.Infra.Jobs;

/// <summary>A job from a template (its id; the workspace's default template when left out).</summary>
internal sealed record CreateJobRequest(string? Template, string? Comments);
