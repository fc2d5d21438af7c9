namespace Stratus.Containers.Registry;

/// <summary>
/// What pushing cost: bytes and blobs actually uploaded, blobs skipped because the target already had them, and blobs
/// mounted from another repository; and how the uploads went: in one PUT (monolithic) or in PATCH chunks, and how many
/// bytes the client hashed itself to check a digest it was not given by a build. Thread-safe; push operations add to it.
/// </summary>
public sealed class PushStatistics
{
    private long _bytesUploaded;
    private long _blobsUploaded;
    private long _blobsSkipped;
    private long _blobsMounted;
    private long _monolithicUploads;
    private long _chunkedUploads;
    private long _bytesHashed;

    public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);

    public long BlobsUploaded => Interlocked.Read(ref _blobsUploaded);

    public long BlobsSkipped => Interlocked.Read(ref _blobsSkipped);

    public long BlobsMounted => Interlocked.Read(ref _blobsMounted);

    /// <summary>Blobs sent whole in the PUT that closed their upload session.</summary>
    public long MonolithicUploads => Interlocked.Read(ref _monolithicUploads);

    /// <summary>Blobs sent in PATCH chunks (large streams, or a registry that refused a monolithic PUT).</summary>
    public long ChunkedUploads => Interlocked.Read(ref _chunkedUploads);

    /// <summary>
    /// Bytes the client ran through sha256 itself before committing them. Zero for layers whose digest the build
    /// computed while writing them; the registry checks every blob's digest on commit either way.
    /// </summary>
    public long BytesHashed => Interlocked.Read(ref _bytesHashed);

    public void RecordUpload(long bytes)
    {
        Interlocked.Add(ref _bytesUploaded, bytes);
        Interlocked.Increment(ref _blobsUploaded);
    }

    public void RecordSkipped() => Interlocked.Increment(ref _blobsSkipped);

    public void RecordMounted() => Interlocked.Increment(ref _blobsMounted);

    public void RecordMonolithic() => Interlocked.Increment(ref _monolithicUploads);

    public void RecordChunked() => Interlocked.Increment(ref _chunkedUploads);

    public void RecordHashed(long bytes) => Interlocked.Add(ref _bytesHashed, bytes);

    public void Add(PushStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Interlocked.Add(ref _bytesUploaded, other.BytesUploaded);
        Interlocked.Add(ref _blobsUploaded, other.BlobsUploaded);
        Interlocked.Add(ref _blobsSkipped, other.BlobsSkipped);
        Interlocked.Add(ref _blobsMounted, other.BlobsMounted);
        Interlocked.Add(ref _monolithicUploads, other.MonolithicUploads);
        Interlocked.Add(ref _chunkedUploads, other.ChunkedUploads);
        Interlocked.Add(ref _bytesHashed, other.BytesHashed);
    }

    public override string ToString() =>
        FormattableString.Invariant($"{BlobsUploaded} blobs uploaded ({BytesUploaded} bytes), {BlobsSkipped} skipped, {BlobsMounted} mounted");
}
