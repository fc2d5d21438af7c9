using Azure.Storage.Blobs;
using Stratus.Storage.Blobs;

namespace Stratus.Storage.Azure;

internal sealed class AzureBlobService(BlobServiceClient service) : IBlobService
{
    public IBlobContainerClient GetContainer(string name)
    {
        StorageNames.ValidateContainerName(name);
        return new AzureBlobContainerClient(service.GetBlobContainerClient(name));
    }
}
