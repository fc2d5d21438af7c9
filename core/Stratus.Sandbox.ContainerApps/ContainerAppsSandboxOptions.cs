namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// Where job steps run in Azure, bound from <c>Stratus:Infra:Jobs:Sandbox:ContainerApps</c> and validated on start:
/// a Container Apps job (manual trigger) that each step starts an execution of, the storage container that carries
/// working directories to and from the executions, and the Log Analytics workspace their console logs reach.
/// </summary>
public sealed class ContainerAppsSandboxOptions
{
    public const string SectionName = "Stratus:Infra:Jobs:Sandbox:ContainerApps";

    public string? SubscriptionId { get; set; }

    public string? ResourceGroup { get; set; }

    /// <summary>The Container Apps job (trigger type Manual, replica retry limit 0) whose executions run the steps.</summary>
    public string? JobName { get; set; }

    /// <summary>The step image: bash, curl, GNU tar and find, setsid, and every tool a step names (terraform).</summary>
    public string? Image { get; set; }

    /// <summary>The container's name in the job's template (an execution's template replaces the job's containers).</summary>
    public string ContainerName { get; set; } = "step";

    /// <summary>Container Apps CPU cores per step (0.25 steps; with <see cref="Memory"/> one of the allowed pairs).</summary>
    public double Cpu { get; set; } = 1.0;

    /// <summary>Container Apps memory per step, e.g. <c>2Gi</c>.</summary>
    public string Memory { get; set; } = "2Gi";

    /// <summary>The Log Analytics workspace (customer) id the Container Apps environment sends console logs to; empty: the log arrives only when the step ends.</summary>
    public string? LogAnalyticsWorkspaceId { get; set; }

    /// <summary>
    /// The table console logs land in: <c>ContainerAppConsoleLogs</c> when the environment logs through Azure Monitor
    /// diagnostic settings (as infra-bicep deploys it), <c>ContainerAppConsoleLogs_CL</c> when it logs to Log Analytics directly.
    /// </summary>
    public string LogTable { get; set; } = LogAnalyticsLogReader.DiagnosticTable;

    /// <summary>The blob endpoint of the account holding the bundles, e.g. <c>https://acct.blob.core.windows.net</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The container the bundles go to (created when missing); nothing else should live there.</summary>
    public string BundleContainer { get; set; } = "stratus-step-bundles";

    /// <summary>A user-assigned managed identity's client id for ARM, Log Analytics and the bundles; empty: <c>DefaultAzureCredential</c>.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public Uri ManagementEndpoint { get; set; } = new("https://management.azure.com");

    public Uri LogAnalyticsEndpoint { get; set; } = new("https://api.loganalytics.io");

    public string ApiVersion { get; set; } = "2024-03-01";

    /// <summary>How often a followed step's status and log are read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the step's URL for reading its working directory lives: the execution must have started within it.</summary>
    public TimeSpan InputUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the step's URLs for writing its result and log live: at least the longest step (StepTimeout).</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A start claimed this long ago with no execution found was interrupted before ARM accepted it; the name may be started again.</summary>
    public TimeSpan StaleStartClaim { get; set; } = TimeSpan.FromMinutes(5);
}
