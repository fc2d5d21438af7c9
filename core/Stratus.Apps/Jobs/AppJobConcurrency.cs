namespace Stratus.Apps.Jobs;

/// <summary>Kubernetes CronJob's concurrency policies, which Tsuru passes through: what a firing does while a run is active.</summary>
public static class AppJobConcurrency
{
    /// <summary>Runs overlap (the default).</summary>
    public const string Allow = "Allow";

    /// <summary>The firing is skipped while a run is active.</summary>
    public const string Forbid = "Forbid";

    /// <summary>The active run is stopped and the new one starts.</summary>
    public const string Replace = "Replace";

    public static IReadOnlyList<string> All { get; } = [Allow, Forbid, Replace];
}
