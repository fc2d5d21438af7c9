using Azure;
using Stratus.Storage.Blobs;

namespace Stratus.Storage.Embedded;

/// <summary>One row of the <c>blobs</c> table. <see cref="ContentId"/> names the immutable content file.</summary>
internal sealed record EmbeddedBlobRow(
    string Name,
    string ContentId,
    long Length,
    string ContentType,
    string ETagValue,
    long LastModifiedTicks,
    byte[] Metadata,
    EmbeddedBlobLease Lease)
{
    public BlobProperties ToProperties(long now) => new(
        Name,
        Length,
        ContentType,
        new ETag(ETagValue),
        new DateTimeOffset(LastModifiedTicks, TimeSpan.Zero),
        EmbeddedCodec.DecodeMetadata(Metadata),
        Lease.Effective(now));
}
