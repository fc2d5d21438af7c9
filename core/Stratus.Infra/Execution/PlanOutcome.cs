namespace Stratus.Infra.Execution;

/// <summary>What <c>terraform plan -detailed-exitcode</c> reported.</summary>
public enum PlanOutcome
{
    /// <summary>Exit code 0: the job completes with planChanges=false.</summary>
    NoChanges,

    /// <summary>Exit code 2: there is something to apply.</summary>
    Changes,

    /// <summary>Any other exit code (1 is an error).</summary>
    Failed,
}
