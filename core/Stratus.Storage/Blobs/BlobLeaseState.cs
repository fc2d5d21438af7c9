namespace Stratus.Storage.Blobs;

public enum BlobLeaseState
{
    Available,
    Leased,
    Expired,
    Breaking,
    Broken,
}
