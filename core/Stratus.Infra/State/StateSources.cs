namespace Stratus.Infra.State;

/// <summary>What wrote a state version.</summary>
public static class StateSources
{
    /// <summary>Terraform (or anything else) through the http backend endpoint.</summary>
    public const string Backend = "backend";

    /// <summary>A rollback: an earlier version's content written again as a new version.</summary>
    public const string Rollback = "rollback";

    /// <summary>A Stratus job's executor, with the job's id.</summary>
    public const string Job = "job";

    /// <summary>terraform's <c>cloud</c> block or <c>remote</c> backend through the TFE API (state push, migration).</summary>
    public const string Tfe = "tfe";

    public static bool IsKnown(string source) => source is Backend or Rollback or Job or Tfe;
}
