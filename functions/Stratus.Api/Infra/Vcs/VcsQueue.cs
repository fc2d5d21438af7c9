using System.Text.Json;
using Stratus.Api.Triggers;
using Stratus.Storage;

namespace Stratus.Api.Infra.Vcs;

/// <summary>Puts messages on the VCS queue, creating it on first use (the listener creates it too).</summary>
internal sealed class VcsQueue(IStorageAccount storage, IQueueWakeup wakeup)
{
    public const string Name = "stratus-vcs";

    /// <summary>A queue message holds 64 KiB; Base64 leaves 48 KiB of text, and the envelope needs a little of it.</summary>
    public const int MaxPayloadBytes = 45 * 1024;

    public async Task SendAsync(VcsQueueMessage message, CancellationToken cancellationToken)
    {
        var queue = storage.Queues.GetQueue(Name);
        var text = JsonSerializer.Serialize(message, VcsJsonContext.Default.VcsQueueMessage);
        try
        {
            await queue.SendToFunctionAsync(text, wakeup, cancellationToken: cancellationToken);
        }
        catch (ResourceNotFoundException ex) when (ex.ErrorCode == "QueueNotFound")
        {
            await queue.CreateIfNotExistsAsync(cancellationToken);
            await queue.SendToFunctionAsync(text, wakeup, cancellationToken: cancellationToken);
        }
    }
}
