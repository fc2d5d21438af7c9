namespace Stratus.Storage.Blobs;

/// <summary>
/// One container of block blobs. Operations on a container that does not exist fail with
/// <see cref="ResourceNotFoundException"/> (ContainerNotFound).
/// </summary>
public interface IBlobContainerClient
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <returns><c>true</c> if the container existed.</returns>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams <paramref name="content"/> into a block blob, replacing any existing one. Small content goes in one
    /// request; larger content is sent as blocks and committed at the end, so memory stays at one block. The
    /// conditions apply to the commit: nothing is visible unless they hold.
    /// </summary>
    Task<BlobProperties> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob (or a range of it) for reading. The caller disposes the result.</summary>
    /// <exception cref="ResourceNotFoundException">No such blob (BlobNotFound) or container.</exception>
    Task<BlobDownload> DownloadAsync(string blobName, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default);

    /// <returns>The properties and metadata, or <c>null</c> if the blob does not exist.</returns>
    Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>Replaces the blob's metadata (a write: it changes the ETag and honours conditions and leases).</summary>
    Task<BlobProperties> SetMetadataAsync(string blobName, IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default);

    /// <returns><c>true</c> if the blob existed and was deleted.</returns>
    Task<bool> DeleteAsync(string blobName, BlobConditions? conditions = null, CancellationToken cancellationToken = default);

    /// <summary>One page of blobs whose names start with <paramref name="prefix"/>, in name order, with metadata.</summary>
    Task<BlobPage> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acquires a lease for 15–60 s, or an infinite one when <paramref name="duration"/> is <c>null</c>. Acquiring with
    /// the current lease id again renews it.
    /// </summary>
    /// <returns>The lease id.</returns>
    /// <exception cref="ResourceConflictException">Someone else holds the lease (LeaseAlreadyPresent).</exception>
    Task<string> AcquireLeaseAsync(string blobName, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default);

    Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default);

    Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>Breaks the lease now (<c>TimeSpan.Zero</c>), after a break period, or at the end of its term (<c>null</c>).</summary>
    /// <returns>The time left until the lease is broken.</returns>
    Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default);
}
