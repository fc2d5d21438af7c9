using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Embedded;

/// <summary>The backend's log messages, source-generated so disabled levels cost nothing on hot paths.</summary>
internal static partial class EmbeddedLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Opened durable store {DatabasePath}: recovered {OrchestrationMessages} orchestration messages ({Timers} held timers) and {ActivityMessages} activities")]
    public static partial void StoreOpened(ILogger logger, string databasePath, int orchestrationMessages, int timers, int activityMessages);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Group commit of {OperationCount} operations failed; all of them are reported failed")]
    public static partial void BatchCommitFailed(ILogger logger, int operationCount, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "A write operation {OperationType} failed and was rolled back on its own")]
    public static partial void OperationFailed(ILogger logger, string operationType, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Applying the committed effects of {OperationType} in memory failed")]
    public static partial void InMemoryApplyFailed(ILogger logger, string operationType, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Work item locks expired without renewal and were handed out again: {Orchestrations} orchestrations, {Activities} activities")]
    public static partial void LocksExpired(ILogger logger, int orchestrations, int activities);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Completion of a lost work item lock for {InstanceId} refused")]
    public static partial void LostLockCompletionRefused(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Starting execution {ExecutionId} of {InstanceId} over a previous execution's history")]
    public static partial void NewExecutionReplacesHistory(ILogger logger, string instanceId, string executionId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Purged {Count} instances")]
    public static partial void Purged(ILogger logger, int count);
}
