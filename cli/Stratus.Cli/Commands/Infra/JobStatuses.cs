namespace Stratus.Cli.Commands.Infra;

/// <summary>Terrakube's job statuses as the CLI reads them: which are final, and which exit code each ends a follow with.</summary>
internal static class JobStatuses
{
    public const string WaitingApproval = "waitingApproval";

    public static bool IsFinal(string? status) => status is "completed" or "noChanges" or "notExecuted" or "rejected" or "cancelled" or "failed";

    public static bool IsStepFinal(string? status) => status is "completed" or "failed" or "cancelled" or "notExecuted";

    /// <summary>0 for a job that did its work (applied, or nothing to change); 1 for one that failed, was rejected or cancelled.</summary>
    public static int ExitCode(string? status) => status is "completed" or "noChanges" ? 0 : 1;
}
