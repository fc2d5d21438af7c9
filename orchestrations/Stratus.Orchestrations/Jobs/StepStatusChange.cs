namespace Stratus.Orchestrations.Jobs;

/// <summary>Sets one step's status (and the job's, when <see cref="JobStatus"/> is given) in one activity.</summary>
public sealed record StepStatusChange(string Organization, string Workspace, int JobId, int? Step, string? StepStatus, string? JobStatus, string? Reason);
