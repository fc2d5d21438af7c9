namespace Stratus.Infra.Jobs;

/// <summary>Terrakube's job statuses, spelled as Terrakube spells them.</summary>
public static class JobStatus
{
    public const string Pending = "pending";
    public const string WaitingApproval = "waitingApproval";
    public const string Approved = "approved";
    public const string Queue = "queue";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string NoChanges = "noChanges";
    public const string NotExecuted = "notExecuted";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>Statuses a job never leaves.</summary>
    public static bool IsFinal(string status) => status is Completed or NoChanges or NotExecuted or Rejected or Cancelled or Failed;
}
