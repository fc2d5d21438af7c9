using System.Text.Json;
using Stratus.Api.Triggers;

namespace Stratus.Api.Events;

/// <summary>
/// Records platform events from the events queue. A message that can never be recorded (not JSON, invalid event)
/// throws, so it ends in the poison queue for someone to look at instead of vanishing.
/// </summary>
internal sealed partial class EventQueueFunction(PlatformEventStore store, ILogger<EventQueueFunction> logger) : IQueueFunction
{
    public const string Name = "events";
    public const string QueueName = "stratus-events";

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        PlatformEvent? e;
        try
        {
            e = JsonSerializer.Deserialize(invocation.MessageText, PlatformEventJsonContext.Default.PlatformEvent);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Message {invocation.MessageId} on {invocation.QueueName} is not a platform event: {ex.Message}", ex);
        }

        if (PlatformEventValidator.Problem(e) is { } problem)
        {
            throw new InvalidDataException($"Message {invocation.MessageId} on {invocation.QueueName} is not a valid platform event: {problem}");
        }

        await store.RecordAsync(e!, cancellationToken);
        LogRecorded(logger, e!.Kind, e.Target, e.Id);
    }

    [LoggerMessage(EventId = 2500, Level = LogLevel.Debug, Message = "Recorded event {Kind} on {Target} ({EventId})")]
    private static partial void LogRecorded(ILogger logger, string kind, string target, Guid eventId);
}
