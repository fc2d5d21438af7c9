using Stratus.Storage.Blobs;

namespace Stratus.Storage.AzureRest;

internal sealed class AzureBlobService(AzureStorageTransport transport) : IBlobService
{
    public IBlobContainerClient GetContainer(string name)
    {
        StorageNames.ValidateContainerName(name);
        return new AzureBlobContainerClient(transport, name);
    }
}
