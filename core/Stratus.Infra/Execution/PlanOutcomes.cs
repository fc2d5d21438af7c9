namespace Stratus.Infra.Execution;

public static class PlanOutcomes
{
    /// <summary>Reads the exit code of a plan run with <c>-detailed-exitcode</c>.</summary>
    public static PlanOutcome FromExitCode(int exitCode) => exitCode switch
    {
        0 => PlanOutcome.NoChanges,
        2 => PlanOutcome.Changes,
        _ => PlanOutcome.Failed,
    };
}
