using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Worker;

internal static partial class DurableLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Instance {InstanceId} changed under this worker (attempt {Attempt}); reloading")]
    public static partial void CheckpointConflict(ILogger logger, string instanceId, int attempt);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) is {Status}")]
    public static partial void InstanceFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Instance {InstanceId} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Dropped a malformed message from queue {Queue}")]
    public static partial void MalformedMessage(ILogger logger, string queue);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Processing instance {InstanceId} failed; its message will be retried")]
    public static partial void ProcessingFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Work item {MessageId} from {Queue} could not be completed; it will be retried")]
    public static partial void WorkItemFailed(ILogger logger, string messageId, string queue, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Worker {WorkerId} acquired control partition {Partition}")]
    public static partial void PartitionAcquired(ILogger logger, string workerId, int partition);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Worker {WorkerId} released control partition {Partition}")]
    public static partial void PartitionReleased(ILogger logger, string workerId, int partition);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Worker {WorkerId} lost control partition {Partition}")]
    public static partial void PartitionLost(ILogger logger, string workerId, int partition);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Partition lease loop of worker {WorkerId} failed; retrying")]
    public static partial void PartitionLoopFailed(ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; backing off")]
    public static partial void PollFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Sub-orchestration {ChildId} of {InstanceId} could not start: {Reason}")]
    public static partial void SubOrchestrationRejected(ILogger logger, string instanceId, string childId, string reason);
}
