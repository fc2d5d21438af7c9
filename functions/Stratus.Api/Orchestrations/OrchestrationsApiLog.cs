namespace Stratus.Api.Orchestrations;

/// <summary>What operators did to instances through the API; the instance's history records the reason.</summary>
internal static partial class OrchestrationsApiLog
{
    [LoggerMessage(EventId = 2700, Level = LogLevel.Information, Message = "Raised event {EventName} on orchestration instance {InstanceId}")]
    public static partial void EventRaised(ILogger logger, string eventName, string instanceId);

    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Requested termination of orchestration instance {InstanceId}")]
    public static partial void TerminateRequested(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Information, Message = "Requested suspension of orchestration instance {InstanceId}")]
    public static partial void SuspendRequested(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Information, Message = "Requested resumption of orchestration instance {InstanceId}")]
    public static partial void ResumeRequested(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2704, Level = LogLevel.Information, Message = "Purged orchestration instance {InstanceId}")]
    public static partial void Purged(ILogger logger, string instanceId);
}
