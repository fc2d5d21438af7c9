using Stratus.Storage.Azure;
using Stratus.Storage.Embedded;

namespace Stratus.Storage;

public static class StorageAccountFactory
{
    /// <summary>The adapter the options name. The options are assumed valid (see <see cref="StorageOptionsValidator"/>).</summary>
    public static IStorageAccount Create(StorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StorageProvider.Embedded)
        {
            return new EmbeddedStorageAccount(Path.GetFullPath(options.DataPath), timeProvider);
        }

        var connection = !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? AzureStorageConnection.Parse(options.ConnectionString)
            : AzureStorageConnection.FromIdentity(
                options.AccountName,
                options.BlobServiceUri,
                options.QueueServiceUri,
                options.TableServiceUri,
                AzureStorageConnection.Credential(options.Credential, options.ClientId));
        return new AzureStorageAccount(connection);
    }
}
