namespace Stratus.Storage;

/// <summary>
/// Housekeeping a store needs but Azure Storage does for itself: the embedded store implements it (orphaned blob
/// content after a crash, expired queue messages); the Azure adapter does not. A maintenance timer runs it.
/// </summary>
public interface IStorageMaintenance
{
    Task<StorageMaintenanceResult> RunMaintenanceAsync(CancellationToken cancellationToken);
}
