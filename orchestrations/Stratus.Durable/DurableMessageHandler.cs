using System.Text.Json;
using Stratus.Durable.Storage;
using Stratus.Durable.Worker;

namespace Stratus.Durable;

/// <summary>
/// The engine's two message handlers, for whoever delivers the messages: the engine's own polling worker, or the
/// Functions host through queue-triggered functions (one message per invocation, any number in parallel).
/// Returning normally acknowledges the message; throwing leaves it for redelivery.
/// </summary>
public sealed class DurableMessageHandler
{
    private readonly OrchestrationProcessor _processor;
    private readonly ActivityRunner _activities;

    internal DurableMessageHandler(OrchestrationProcessor processor, ActivityRunner activities)
    {
        _processor = processor;
        _activities = activities;
    }

    /// <summary>Handles a control-queue message (Base64 text as stored, or already decoded).</summary>
    /// <returns>False when the message is malformed and should be discarded.</returns>
    public async Task<bool> HandleControlMessageAsync(string messageText, bool isBase64, CancellationToken cancellationToken)
    {
        if (!TryDecode(messageText, isBase64, out var text) || !Wakeup.TryParse(text, out var wakeup))
        {
            return false;
        }

        await _processor.ProcessAsync(wakeup, cancellationToken);
        return true;
    }

    /// <summary>Handles a work-item message: runs the activity and delivers its result.</summary>
    /// <returns>False when the message is malformed and should be discarded.</returns>
    public async Task<bool> HandleWorkItemAsync(string messageText, bool isBase64, long dequeueCount, CancellationToken cancellationToken)
    {
        WorkItem? item;
        try
        {
            item = TryDecode(messageText, isBase64, out var text) ? JsonSerializer.Deserialize<WorkItem>(text, DurableSerializer.Options) : null;
        }
        catch (JsonException)
        {
            item = null;
        }

        if (item is null || !InstanceIds.IsValid(item.InstanceId) || string.IsNullOrEmpty(item.Name))
        {
            return false;
        }

        await _activities.RunAsync(item, (int)Math.Min(dequeueCount, int.MaxValue), cancellationToken);
        return true;
    }

    private static bool TryDecode(string messageText, bool isBase64, out string text)
    {
        text = messageText;
        if (!isBase64)
        {
            return true;
        }

        try
        {
            text = QueueText.Decode(messageText);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
