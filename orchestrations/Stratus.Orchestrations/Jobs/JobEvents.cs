namespace Stratus.Orchestrations.Jobs;

/// <summary>External event names of the job and queue orchestrations.</summary>
public static class JobEvents
{
    public const string Approval = "approval";
    public const string Cancel = "cancel";
    public const string JobAdded = "job-added";
    public const string Unlocked = "unlocked";
}
