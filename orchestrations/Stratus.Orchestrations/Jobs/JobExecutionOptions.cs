namespace Stratus.Orchestrations.Jobs;

/// <summary>How jobs run, bound from <c>Stratus:Infra:Jobs</c> by the app.</summary>
public sealed class JobExecutionOptions
{
    public const string SectionName = "Stratus:Infra:Jobs";

    /// <summary>The API base URL terraform's http backend calls back to for state and locks.</summary>
    public string ApiUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Where step working directories are created (each is removed when its step ends).</summary>
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "stratus-jobs");

    /// <summary>Downloaded terraform/tofu binaries are cached here.</summary>
    public string BinaryCache { get; set; } = Path.Combine(Path.GetTempPath(), "stratus-terraform");

    /// <summary>Configured binaries: <c>"1.11.0"</c> or <c>"tofu:1.8.0"</c> → path.</summary>
    public Dictionary<string, string> Binaries { get; set; } = [];

    /// <summary>Where to download missing terraform versions from (e.g. https://releases.hashicorp.com/terraform); off when empty.</summary>
    public string? ReleasesBaseUrl { get; set; }

    /// <summary>A job waiting for approval longer than this fails with a reason.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An executor step running longer than this is stopped and fails with a reason.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Accept <c>file://</c> importComands repositories; the app sets it from <c>Stratus:Infra:AllowFileGitSources</c>.</summary>
    public bool AllowFileGitSources { get; set; }

    /// <summary>How often a running step looks for a cancel request made on another instance.</summary>
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
