using System.Text.Json;
using Stratus.Durable.History;
using Stratus.Durable.Worker;
using Stratus.Storage;

namespace Stratus.Durable.Storage;

/// <summary>
/// Sends the engine's messages: wake-ups on control queues, inbox rows, and activity work items. Messages never
/// expire (a backlog must not lose work), and sends from this process wake this process's listeners at once.
/// </summary>
internal sealed class DurableMessaging(TaskHub hub, HistoryStore history, PayloadStore payloads, DurableSignals signals)
{
    /// <summary>Base64 of the largest message we send must stay within the 64 KiB queue limit.</summary>
    private const int MaxMessageChars = 45_000;

    public async Task WakeAsync(string instanceId, CancellationToken cancellationToken) =>
        await WakeAsync(new Wakeup(instanceId, null), TimeSpan.Zero, cancellationToken);

    public async Task WakeAsync(Wakeup wakeup, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = hub.ControlQueueOf(wakeup.InstanceId);
        await queue.SendAsync(
            QueueText.Encode(wakeup.ToText()),
            delay > TimeSpan.Zero ? delay : null,
            Timeout.InfiniteTimeSpan,
            cancellationToken);
        if (delay <= TimeSpan.Zero)
        {
            signals.NotifyQueue(queue.Name);
        }
    }

    /// <summary>Puts a message in an instance's inbox, then wakes the instance.</summary>
    public async Task DeliverAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        await history.AppendInboxAsync(instanceId, message, null, cancellationToken);
        await WakeAsync(instanceId, cancellationToken);
    }

    public async Task SendWorkItemAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var text = JsonSerializer.Serialize(item, DurableSerializer.Options);
        if (item.Data is not null && (payloads.IsLarge(item.Data) || text.Length > MaxMessageChars))
        {
            var (_, blob) = await payloads.ExternalizeAsync(item.InstanceId, item.Data, force: true, cancellationToken);
            text = JsonSerializer.Serialize(item with { Data = null, DataBlob = blob }, DurableSerializer.Options);
        }

        await hub.WorkItems.SendAsync(QueueText.Encode(text), null, Timeout.InfiniteTimeSpan, cancellationToken);
        signals.NotifyQueue(hub.WorkItems.Name);
    }
}
