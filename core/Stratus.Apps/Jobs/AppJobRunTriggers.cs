namespace Stratus.Apps.Jobs;

/// <summary>What started a run.</summary>
public static class AppJobRunTriggers
{
    /// <summary>Someone called <c>POST /jobs/{name}/trigger</c>.</summary>
    public const string Manual = "manual";

    /// <summary>The timer fired the job's schedule.</summary>
    public const string Schedule = "schedule";
}
