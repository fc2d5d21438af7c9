namespace Stratus.Orchestrations.AppJobs;

/// <summary>What a run's container did: its exit code (none if it never exited by itself), attempts, and why it failed otherwise.</summary>
public sealed record AppJobRunOutcome(int? ExitCode, int Attempts, string? Error)
{
    public bool Succeeded => ExitCode == 0 && Error is null;
}
