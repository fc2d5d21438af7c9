namespace Stratus.Containers.Registry;

/// <summary>
/// What pushing cost: bytes and blobs actually uploaded, blobs skipped because the target already had them, and blobs
/// mounted from another repository. Thread-safe; push operations add to it.
/// </summary>
public sealed class PushStatistics
{
    private long _bytesUploaded;
    private long _blobsUploaded;
    private long _blobsSkipped;
    private long _blobsMounted;

    public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);

    public long BlobsUploaded => Interlocked.Read(ref _blobsUploaded);

    public long BlobsSkipped => Interlocked.Read(ref _blobsSkipped);

    public long BlobsMounted => Interlocked.Read(ref _blobsMounted);

    public void RecordUpload(long bytes)
    {
        Interlocked.Add(ref _bytesUploaded, bytes);
        Interlocked.Increment(ref _blobsUploaded);
    }

    public void RecordSkipped() => Interlocked.Increment(ref _blobsSkipped);

    public void RecordMounted() => Interlocked.Increment(ref _blobsMounted);

    public void Add(PushStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Interlocked.Add(ref _bytesUploaded, other.BytesUploaded);
        Interlocked.Add(ref _blobsUploaded, other.BlobsUploaded);
        Interlocked.Add(ref _blobsSkipped, other.BlobsSkipped);
        Interlocked.Add(ref _blobsMounted, other.BlobsMounted);
    }

    public override string ToString() =>
        FormattableString.Invariant($"{BlobsUploaded} blobs uploaded ({BytesUploaded} bytes), {BlobsSkipped} skipped, {BlobsMounted} mounted");
}
