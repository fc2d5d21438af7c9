namespace Stratus.Orchestrations.Jobs;

/// <summary>A step of a job as the job orchestration walks it.</summary>
public sealed record PlannedStep(int Number, string Type, string Name, string? Team, bool IgnoreError, bool HasOnReject = false);
