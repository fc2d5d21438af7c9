namespace Stratus.Standalone.Triggers.Timers;

/// <summary>The standalone timer loop's log events (ids 2100–2199).</summary>
internal static partial class TimerTriggerLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Timer function {Function} runs on schedule '{Schedule}' (UTC), singleton through lease {Lease}")]
    public static partial void Scheduled(ILogger logger, string function, string schedule, string lease);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Timer function {Function}: this instance holds lease {Lease}; next occurrence {Next:o}")]
    public static partial void LeaseAcquired(ILogger logger, string function, string lease, DateTimeOffset next);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Timer function {Function}: lease {Lease} is held by another instance")]
    public static partial void LeaseHeldElsewhere(ILogger logger, string function, string lease);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Timer function {Function}: lost lease {Lease}; this instance stops firing it until it holds the lease again")]
    public static partial void LeaseLost(ILogger logger, string function, string lease);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Timer function {Function}: released lease {Lease}")]
    public static partial void LeaseReleased(ILogger logger, string function, string lease);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Timer function {Function} is past due: it was due at {Due:o}; it runs once now")]
    public static partial void PastDue(ILogger logger, string function, DateTimeOffset due);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Timer function {Function} recorded next occurrence {Recorded:o}, but its schedule now gives {Expected:o}; the schedule changed and the new one applies")]
    public static partial void ScheduleChanged(ILogger logger, string function, DateTimeOffset recorded, DateTimeOffset expected);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Debug, Message = "Timer function {Function}: occurrence {Occurrence:o} was claimed by another instance")]
    public static partial void ClaimedElsewhere(ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Executing timer function {Function} ({Reason}, occurrence {Occurrence:o}, past due: {IsPastDue})")]
    public static partial void Executing(ILogger logger, string function, TimerFireKind reason, DateTimeOffset occurrence, bool isPastDue);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Executed timer function {Function} in {ElapsedMilliseconds} ms")]
    public static partial void Executed(ILogger logger, string function, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "Timer function {Function} failed after {ElapsedMilliseconds} ms; its schedule continues")]
    public static partial void Failed(ILogger logger, string function, long elapsedMilliseconds, Exception exception);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Timer function {Function} was cancelled at shutdown after {ElapsedMilliseconds} ms")]
    public static partial void CancelledAtShutdown(ILogger logger, string function, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "Timer function {Function}: storage failed; retrying in {RetryIn}")]
    public static partial void StorageFailed(ILogger logger, string function, TimeSpan retryIn, Exception exception);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Timer triggers could not create container {Container} at start; each timer retries on its own")]
    public static partial void ContainerNotCreated(ILogger logger, string container, Exception exception);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "Timer triggers: the shutdown timeout ran out before invocations in flight finished; their leases are left to expire")]
    public static partial void ShutdownTimedOut(ILogger logger);
}
