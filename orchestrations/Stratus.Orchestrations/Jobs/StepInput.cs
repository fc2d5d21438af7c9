namespace Stratus.Orchestrations.Jobs;

public sealed record StepInput(string Organization, string Workspace, int JobId, int Step);
