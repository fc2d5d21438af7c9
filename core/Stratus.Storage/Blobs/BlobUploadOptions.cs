namespace Stratus.Storage.Blobs;

public sealed record BlobUploadOptions
{
    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public BlobConditions? Conditions { get; init; }
}
