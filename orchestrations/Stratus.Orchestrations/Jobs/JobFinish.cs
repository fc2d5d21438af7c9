namespace Stratus.Orchestrations.Jobs;

public sealed record JobFinish(string Organization, string Workspace, int JobId, string Status, string? Reason);
