namespace Stratus.Apps.Jobs;

/// <summary>A run's status: pending (recorded, not started) → running → succeeded | failed.</summary>
public static class AppJobRunStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static bool IsActive(string status) => status is Pending or Running;
}
