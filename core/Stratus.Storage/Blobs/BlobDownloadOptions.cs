namespace Stratus.Storage.Blobs;

public sealed record BlobDownloadOptions
{
    public BlobRange? Range { get; init; }

    public BlobConditions? Conditions { get; init; }
}
