namespace Stratus.Storage.Blobs;

public interface IBlobService
{
    /// <summary>A client for one container. The name is validated here (3–63 lower-case letters, digits and hyphens).</summary>
    IBlobContainerClient GetContainer(string name);
}
