namespace Stratus.Storage;

/// <summary>A queue message over the 64 KiB limit. Callers put large payloads in a blob and enqueue its name.</summary>
internal sealed class MessageTooLargeException(int actualBytes)
    : InvalidStorageRequestException(
        "MessageTooLarge",
        $"Queue messages are limited to {StorageLimits.MaxQueueMessageBytes} bytes of UTF-8 text; this one is {actualBytes} bytes. " +
        "Store the payload in a blob and enqueue the blob's name instead.",
        413)
{
    public int ActualBytes { get; } = actualBytes;
}
