namespace Stratus.Orchestrations.Jobs;

public static class StepOutcome
{
    public const string Completed = "completed";
    public const string NoChanges = "noChanges";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
