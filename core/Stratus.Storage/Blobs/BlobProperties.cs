using Azure;

namespace Stratus.Storage.Blobs;

/// <summary>What the service knows of a blob. <see cref="ContentLength"/> is the whole blob's length, even for a ranged read.</summary>
public sealed record BlobProperties(
    string Name,
    long ContentLength,
    string? ContentType,
    ETag ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata,
    BlobLeaseState LeaseState);
