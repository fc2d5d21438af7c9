namespace Stratus.Standalone.Triggers.Queues;

/// <summary>The standalone queue listeners' log events (ids 2200–2299; stable, so alerts and queries can rely on them).</summary>
internal static partial class QueueTriggerLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Queue function {Function} listening on {Queue} (batch size {BatchSize}, new batch threshold {NewBatchThreshold}, max polling interval {MaxPollingInterval}, max dequeue count {MaxDequeueCount})")]
    public static partial void ListenerStarted(ILogger logger, string function, string queue, int batchSize, int newBatchThreshold, TimeSpan maxPollingInterval, int maxDequeueCount);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Queue function {Function} stopped listening on {Queue}")]
    public static partial void ListenerStopped(ILogger logger, string function, string queue);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Critical, Message = "Queue function {Function} stopped listening on {Queue} after an unexpected error")]
    public static partial void ListenerCrashed(ILogger logger, Exception exception, string function, string queue);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Debug, Message = "Function {Function} processed message {MessageId} from {Queue} (dequeue count {DequeueCount})")]
    public static partial void InvocationSucceeded(ILogger logger, string function, string messageId, string queue, long dequeueCount);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Function {Function} failed on message {MessageId} from {Queue} (dequeue count {DequeueCount} of {MaxDequeueCount})")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string function, string messageId, string queue, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not Base64-encoded UTF-8, so function {Function} cannot read it (dequeue count {DequeueCount}); producers must encode with FunctionsQueueMessageEncoding.Encode")]
    public static partial void MessageNotBase64(ILogger logger, string messageId, string queue, string function, long dequeueCount);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Error, Message = "Message {MessageId} from {Queue} moved to {PoisonQueue} after {DequeueCount} dequeues")]
    public static partial void MovedToPoison(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Error, Message = "Moving message {MessageId} from {Queue} to {PoisonQueue} failed; it stays in {Queue} and is moved when next received")]
    public static partial void PoisonFailed(ILogger logger, Exception exception, string messageId, string queue, string poisonQueue);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Warning, Message = "Polling {Queue} for function {Function} failed; polling again after the backoff")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queue, string function);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Warning, Message = "Queue {Queue} of function {Function} does not exist; polling again after the backoff")]
    public static partial void QueueMissing(ILogger logger, string queue, string function);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Creating queue {Queue} for function {Function} failed; the listener polls it anyway")]
    public static partial void CreateQueueFailed(ILogger logger, Exception exception, string queue, string function);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Warning, Message = "Renewing the visibility of message {MessageId} on {Queue} failed; retrying in {RetryIn}")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string messageId, string queue, TimeSpan retryIn);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is no longer held by this listener (its visibility ran out, or it was deleted); it may be processed again")]
    public static partial void LeaseLost(ILogger logger, string messageId, string queue);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Warning, Message = "Completing message {MessageId} on {Queue} failed; it becomes visible again when its visibility timeout ends")]
    public static partial void CompleteFailed(ILogger logger, Exception exception, string messageId, string queue);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Information, Message = "Released {Count} message(s) received from {Queue} after the stop signal, unprocessed")]
    public static partial void ReleasedOnStop(ILogger logger, int count, string queue);

    [LoggerMessage(EventId = 2215, Level = LogLevel.Warning, Message = "Shutdown cancelled function {Function} on message {MessageId} from {Queue}; the message is released for redelivery")]
    public static partial void InvocationCancelled(ILogger logger, string function, string messageId, string queue);

    [LoggerMessage(EventId = 2216, Level = LogLevel.Warning, Message = "The shutdown timeout passed with queue invocations still running; cancelling them")]
    public static partial void ShutdownTimeout(ILogger logger);

    [LoggerMessage(EventId = 2217, Level = LogLevel.Warning, Message = "Queue function {Function} names connection {Connection}; standalone, every queue is served from the Stratus storage account ({Storage})")]
    public static partial void OtherConnection(ILogger logger, string function, string connection, string storage);

    [LoggerMessage(EventId = 2218, Level = LogLevel.Debug, Message = "No queue functions are declared; no queue listeners run")]
    public static partial void NoQueueFunctions(ILogger logger);
}
