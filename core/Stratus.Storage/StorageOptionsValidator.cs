using Microsoft.Extensions.Options;
using Stratus.Storage.Azure;

namespace Stratus.Storage;

/// <summary>Fails start-up with a clear message when the storage settings cannot work, instead of at the first request.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider == StorageProvider.Embedded)
        {
            return string.IsNullOrWhiteSpace(options.DataPath)
                ? ValidateOptionsResult.Fail("Stratus:Storage:DataPath is empty; set a folder for the embedded store.")
                : ValidateOptionsResult.Success;
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                AzureStorageConnection.Parse(options.ConnectionString);
                return ValidateOptionsResult.Success;
            }
            catch (StorageConfigurationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }

        if (!AzureStorageConnection.IsKnownCredential(options.Credential))
        {
            return ValidateOptionsResult.Fail(
                $"AzureWebJobsStorage__credential (Stratus:Storage:Credential) is '{options.Credential}'; use 'managedidentity', or leave it unset for DefaultAzureCredential.");
        }

        var hasAllUris = options.BlobServiceUri is not null && options.QueueServiceUri is not null && options.TableServiceUri is not null;
        return string.IsNullOrWhiteSpace(options.AccountName) && !hasAllUris
            ? ValidateOptionsResult.Fail("Stratus:Storage:Provider is Azure but no account is configured: set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__accountName (managed identity).")
            : ValidateOptionsResult.Success;
    }
}
