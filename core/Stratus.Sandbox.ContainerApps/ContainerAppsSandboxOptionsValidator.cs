using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>Refuses at start a Container Apps sandbox setting that would only fail at the first job.</summary>
internal sealed partial class ContainerAppsSandboxOptionsValidator : IValidateOptions<ContainerAppsSandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, ContainerAppsSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = ContainerAppsSandboxOptions.SectionName;
        var failures = new List<string>();
        if (!Guid.TryParse(options.SubscriptionId, out _))
        {
            failures.Add($"{section}:SubscriptionId must be the subscription's id (a GUID), not '{options.SubscriptionId}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ResourceGroup) || !ArmName().IsMatch(options.ResourceGroup))
        {
            failures.Add($"{section}:ResourceGroup must name the resource group that holds the Container Apps job.");
        }

        if (string.IsNullOrWhiteSpace(options.JobName) || !ArmName().IsMatch(options.JobName))
        {
            failures.Add($"{section}:JobName must name the Container Apps job (manual trigger) that runs the steps.");
        }

        if (string.IsNullOrWhiteSpace(options.Image) || options.Image.Any(char.IsWhiteSpace))
        {
            failures.Add($"{section}:Image must name the step image, e.g. 'myregistry.azurecr.io/stratus-step:1'.");
        }

        if (string.IsNullOrWhiteSpace(options.ContainerName) || !ContainerName().IsMatch(options.ContainerName))
        {
            failures.Add($"{section}:ContainerName must be a lower-case container name (letters, digits, '-'), not '{options.ContainerName}'.");
        }

        if (options.Cpu is < 0.25 or > 4 || options.Cpu * 4 != Math.Floor(options.Cpu * 4))
        {
            failures.Add($"{section}:Cpu must be 0.25 to 4 in steps of 0.25 (Container Apps cores), not {options.Cpu}.");
        }

        if (string.IsNullOrWhiteSpace(options.Memory) || !Memory().IsMatch(options.Memory))
        {
            failures.Add($"{section}:Memory must be a Container Apps size such as '2Gi' or '0.5Gi', not '{options.Memory}'.");
        }

        if (options.LogAnalyticsWorkspaceId is { Length: > 0 } workspace && !Guid.TryParse(workspace, out _))
        {
            failures.Add($"{section}:LogAnalyticsWorkspaceId must be the workspace's customer id (a GUID), or empty to read the log only when the step ends.");
        }

        if (options.LogTable is not (LogAnalyticsLogReader.DiagnosticTable or LogAnalyticsLogReader.CustomTable))
        {
            failures.Add($"{section}:LogTable must be '{LogAnalyticsLogReader.DiagnosticTable}' (Azure Monitor diagnostic settings) or '{LogAnalyticsLogReader.CustomTable}' (Log Analytics destination), not '{options.LogTable}'.");
        }

        if (options.BlobServiceUri is not { IsAbsoluteUri: true } blob || blob.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{section}:BlobServiceUri must be the https blob endpoint of the bundle account, e.g. 'https://myaccount.blob.core.windows.net'.");
        }

        if (string.IsNullOrWhiteSpace(options.BundleContainer) || !BlobContainer().IsMatch(options.BundleContainer))
        {
            failures.Add($"{section}:BundleContainer must be a blob container name (3-63 lower-case letters, digits and '-'), not '{options.BundleContainer}'.");
        }

        Https(options.ManagementEndpoint, "ManagementEndpoint", failures);
        Https(options.LogAnalyticsEndpoint, "LogAnalyticsEndpoint", failures);
        if (string.IsNullOrWhiteSpace(options.ApiVersion))
        {
            failures.Add($"{section}:ApiVersion must name a Microsoft.App api-version, e.g. '2024-03-01'.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:PollInterval must be between 00:00:00.1 and 00:01:00, not {options.PollInterval}.");
        }

        if (options.InputUrlLifetime < TimeSpan.FromMinutes(5) || options.InputUrlLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:InputUrlLifetime must be between 00:05:00 and 1.00:00:00 (an execution must start within it), not {options.InputUrlLifetime}.");
        }

        if (options.ResultUrlLifetime < options.InputUrlLifetime || options.ResultUrlLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"{section}:ResultUrlLifetime must be at least InputUrlLifetime and the longest step (Stratus:Infra:Jobs:StepTimeout), and at most 7.00:00:00, not {options.ResultUrlLifetime}.");
        }

        if (options.StaleStartClaim < TimeSpan.FromSeconds(30))
        {
            failures.Add($"{section}:StaleStartClaim must be at least 00:00:30 (longer than ARM takes to accept a start), not {options.StaleStartClaim}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Https(Uri? endpoint, string setting, List<string> failures)
    {
        if (endpoint is not { IsAbsoluteUri: true } || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{ContainerAppsSandboxOptions.SectionName}:{setting} must be an https URL (bearer tokens are only sent over TLS).");
        }
    }

    [GeneratedRegex(@"^[-\w\._\(\)]{1,90}$")]
    private static partial Regex ArmName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex ContainerName();

    [GeneratedRegex(@"^\d+(\.\d+)?Gi$")]
    private static partial Regex Memory();

    [GeneratedRegex("^[a-z0-9](?!.*--)[-a-z0-9]{1,61}[a-z0-9]$")]
    private static partial Regex BlobContainer();
}
