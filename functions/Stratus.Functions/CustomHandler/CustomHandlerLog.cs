namespace Stratus.Functions.CustomHandler;

internal static partial class CustomHandlerLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Debug, Message = "Queue function {Function} handled message {MessageId} (dequeue count {DequeueCount}, invocation {InvocationId}) in {ElapsedMs} ms")]
    public static partial void QueueInvocationCompleted(ILogger logger, string function, string messageId, long dequeueCount, string? invocationId, long elapsedMs);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Timer function {Function} ran (past due: {IsPastDue}, invocation {InvocationId}) in {ElapsedMs} ms")]
    public static partial void TimerInvocationCompleted(ILogger logger, string function, bool isPastDue, string? invocationId, long elapsedMs);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "Function {Function} failed (invocation {InvocationId}); the host will retry or poison the message")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string function, string? invocationId);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Rejected a malformed invocation of {Function} (invocation {InvocationId}): {Reason}")]
    public static partial void MalformedInvocation(ILogger logger, string function, string? invocationId, string reason);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Refused an invocation of {Function} from {RemoteAddress}: only the local Functions host may invoke functions")]
    public static partial void RemoteInvocationRefused(ILogger logger, string function, string? remoteAddress);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Debug, Message = "Mapped custom-handler invocation endpoint POST /{Function} ({TriggerKind})")]
    public static partial void InvocationEndpointMapped(ILogger logger, string function, string triggerKind);
}
