namespace Stratus.Infra.Jobs;

/// <summary>One flow of a job's template, as Terrakube's Step: its number is the flow's <c>step</c>.</summary>
public sealed record JobStep(int JobId, int Number, string Name, string Type, string Status, string? LogBlob, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Reason);
