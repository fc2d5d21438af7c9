namespace Stratus.Infra.Jobs;

/// <summary>Where a job came from (Terrakube's <c>via</c>).</summary>
public static class JobVia
{
    public const string Api = "API";
    public const string Cli = "CLI";
    public const string Schedule = "Schedule";
}
