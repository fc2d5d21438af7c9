using Stratus.Storage;
using Stratus.Storage.Blobs;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// A timer's lock as a lease on an empty blob, as the Functions host keeps its singleton locks. The lease id is fixed
/// per runner, so re-acquiring after an error that left the lease ours simply renews it.
/// </summary>
internal sealed class BlobTimerLease(IBlobContainerClient container, string blobName, TimeSpan duration) : ITimerLease
{
    private readonly string _leaseId = Guid.NewGuid().ToString();

    public string Name => $"{container.Name}/{blobName}";

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await AcquireAsync(cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // The first instance ever, or someone removed the lock blob: lay it down and try once more.
            await container.CreateIfNotExistsAsync(cancellationToken);
            await CreateBlobAsync(cancellationToken);
            return await AcquireAsync(cancellationToken);
        }
    }

    public async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.RenewLeaseAsync(blobName, _leaseId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is ResourceConflictException or ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.ReleaseLeaseAsync(blobName, _leaseId, cancellationToken);
        }
        catch (Exception ex) when (ex is ResourceConflictException or ResourceNotFoundException)
        {
            // Someone else took it after it lapsed: it is not ours to release any more.
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.AcquireLeaseAsync(blobName, duration, _leaseId, cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    private async Task CreateBlobAsync(CancellationToken cancellationToken)
    {
        try
        {
            await container.UploadAsync(blobName, Stream.Null, new BlobUploadOptions { Conditions = BlobConditions.IfNotExists }, cancellationToken);
        }
        catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException)
        {
            // Another instance created it first (and may already hold its lease).
        }
    }
}
