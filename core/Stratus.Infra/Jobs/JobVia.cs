namespace Stratus.Infra.Jobs;

/// <summary>Where a job came from (Terrakube's <c>via</c>).</summary>
public static class JobVia
{
    public const string Api = "API";
    public const string Cli = "CLI";
    public const string Schedule = "Schedule";

    /// <summary>The terraform CLI's <c>cloud</c> block or <c>remote</c> backend, through the TFE API.</summary>
    public const string Tfe = "TFE";
}
