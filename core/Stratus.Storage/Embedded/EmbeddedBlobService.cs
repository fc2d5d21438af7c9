using Stratus.Storage.Blobs;

namespace Stratus.Storage.Embedded;

internal sealed class EmbeddedBlobService(EmbeddedDatabase database, TimeProvider clock, string contentDirectory) : IBlobService
{
    public IBlobContainerClient GetContainer(string name) => new EmbeddedBlobContainerClient(database, clock, contentDirectory, name);
}
