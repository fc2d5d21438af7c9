using Azure.Core;

namespace Stratus.Storage.AzureRest;

/// <summary>
/// Pipeline options: exponential retry of transient faults (408, 429, 5xx, timeouts). 409 and 412 are answers, not
/// faults, and Azure.Core's default classifier never retries them.
/// </summary>
internal sealed class AzureStorageClientOptions : ClientOptions
{
    public AzureStorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "stratus";
        Diagnostics.LoggedHeaderNames.Add("x-ms-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
    }

    /// <summary>The REST API version every request sends.</summary>
    public string ServiceVersion { get; set; } = "2024-08-04";
}
