using Azure;

namespace Stratus.Storage.Blobs;

/// <summary>
/// Conditions on a blob write or read. <see cref="IfNoneMatch"/> = <see cref="ETag.All"/> means "only if the blob does
/// not exist yet". A leased blob is written only with its <see cref="LeaseId"/>.
/// </summary>
public sealed record BlobConditions
{
    public ETag? IfMatch { get; init; }

    public ETag? IfNoneMatch { get; init; }

    public string? LeaseId { get; init; }

    public static BlobConditions IfNotExists { get; } = new() { IfNoneMatch = ETag.All };

    public static BlobConditions Matching(ETag etag) => new() { IfMatch = etag };
}
