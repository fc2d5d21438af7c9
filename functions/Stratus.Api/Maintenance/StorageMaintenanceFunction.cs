using Stratus.Api.Triggers;
using Stratus.Storage;

namespace Stratus.Api.Maintenance;

/// <summary>Runs the store's own housekeeping (the embedded store's orphan sweep and expired-message purge).</summary>
internal sealed partial class StorageMaintenanceFunction(IStorageAccount storage, ILogger<StorageMaintenanceFunction> logger) : ITimerFunction
{
    public const string Name = "storageMaintenance";
    public const string Schedule = "0 */30 * * * *";

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        if (storage is not IStorageMaintenance maintenance)
        {
            LogNothingToDo(logger, storage.Description);
            return;
        }

        var result = await maintenance.RunMaintenanceAsync(cancellationToken);
        LogSwept(logger, storage.Description, result.OrphanedContentFilesDeleted, result.ExpiredQueueMessagesDeleted, invocation.IsPastDue);
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Debug, Message = "Storage {Storage} keeps itself; no maintenance to run")]
    private static partial void LogNothingToDo(ILogger logger, string storage);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Storage maintenance on {Storage}: {Files} orphaned content files and {Messages} expired queue messages removed (past due: {IsPastDue})")]
    private static partial void LogSwept(ILogger logger, string storage, int files, int messages, bool isPastDue);
}
