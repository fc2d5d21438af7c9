namespace Stratus.Infra.Jobs;

/// <summary>Terrakube's step statuses.</summary>
public static class StepStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string NotExecuted = "notExecuted";

    public static bool IsFinal(string status) => status is Completed or Failed or Cancelled or NotExecuted;
}
