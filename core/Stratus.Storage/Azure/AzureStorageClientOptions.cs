using Azure.Core;

namespace Stratus.Storage.Azure;

/// <summary>
/// Pipeline settings shared by the three SDK clients: exponential retry of transient faults (408, 429, 5xx, timeouts).
/// 409 and 412 are answers, not faults, and the SDKs' classifiers never retry them. Tests set a transport here.
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
    }

    /// <summary>Copies these settings onto one SDK client's options.</summary>
    public T ApplyTo<T>(T target)
        where T : ClientOptions
    {
        target.Transport = Transport;
        target.Retry.Mode = Retry.Mode;
        target.Retry.MaxRetries = Retry.MaxRetries;
        target.Retry.Delay = Retry.Delay;
        target.Retry.MaxDelay = Retry.MaxDelay;
        target.Retry.NetworkTimeout = Retry.NetworkTimeout;
        target.Diagnostics.IsLoggingContentEnabled = Diagnostics.IsLoggingContentEnabled;
        target.Diagnostics.ApplicationId = Diagnostics.ApplicationId;
        return target;
    }
}
