namespace Stratus.Storage;

/// <summary>
/// Which store Stratus uses. Bound from <c>Stratus:Storage</c>; the Azure connection follows the Functions convention
/// (<c>AzureWebJobsStorage</c> as a connection string, or <c>AzureWebJobsStorage__accountName</c> with an identity).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Stratus:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Embedded;

    /// <summary>The embedded store's folder. Relative paths are resolved against the working directory.</summary>
    public string DataPath { get; set; } = ".data";

    /// <summary>An account connection string (<c>UseDevelopmentStorage=true</c> for Azurite on its default ports).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The identity-based form: the account name, endpoints derived from it, tokens from Azure.Identity.</summary>
    public string? AccountName { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>A user-assigned managed identity's client id; the system-assigned identity or the default chain otherwise.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// <c>managedidentity</c> to use only the managed identity (as <c>AzureWebJobsStorage__credential</c> does for
    /// Functions); unset for <c>DefaultAzureCredential</c> (environment, workload identity, managed identity, Azure CLI…).
    /// </summary>
    public string? Credential { get; set; }
}
