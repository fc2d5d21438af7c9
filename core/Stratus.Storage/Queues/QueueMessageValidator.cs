using System.Text;
using System.Xml;

namespace Stratus.Storage.Queues;

/// <summary>The queue service's rules for message text, visibility and time-to-live, checked before sending.</summary>
internal static class QueueMessageValidator
{
    public static void ValidateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > StorageLimits.MaxQueueMessageBytes)
        {
            throw new MessageTooLargeException(bytes);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!XmlConvert.IsXmlChar(c))
            {
                throw new InvalidStorageRequestException(
                    "InvalidXmlDocument",
                    $"The message holds U+{(int)c:X4} at index {i}, which queue messages cannot carry. Encode binary or control characters, e.g. as Base64.");
            }
        }
    }

    public static void ValidateSend(TimeSpan? visibilityDelay, TimeSpan? timeToLive)
    {
        var delay = visibilityDelay ?? TimeSpan.Zero;
        if (delay < TimeSpan.Zero || delay > StorageLimits.MaxQueueVisibility)
        {
            throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"The visibility delay must be between 0 and 7 days; it was {delay}.");
        }

        if (timeToLive is { } ttl && ttl != Timeout.InfiniteTimeSpan)
        {
            if (ttl < TimeSpan.FromSeconds(1))
            {
                throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"The time-to-live must be at least 1 s (or infinite); it was {ttl}.");
            }

            if (delay >= ttl)
            {
                throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"The visibility delay ({delay}) must be shorter than the time-to-live ({ttl}).");
            }
        }
    }

    public static void ValidateVisibility(TimeSpan visibilityTimeout)
    {
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > StorageLimits.MaxQueueVisibility)
        {
            throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"The visibility timeout must be between 0 and 7 days; it was {visibilityTimeout}.");
        }
    }

    /// <summary>A receive hides messages for 1 s to 7 days; zero would hand the same message to every caller.</summary>
    public static void ValidateReceiveVisibility(TimeSpan visibilityTimeout)
    {
        if (visibilityTimeout < TimeSpan.FromSeconds(1) || visibilityTimeout > StorageLimits.MaxQueueVisibility)
        {
            throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"A receive's visibility timeout must be between 1 s and 7 days; it was {visibilityTimeout}.");
        }
    }

    public static void ValidateBatch(int maxMessages)
    {
        if (maxMessages is < 1 or > StorageLimits.MaxQueueBatch)
        {
            throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"A receive or peek takes 1–{StorageLimits.MaxQueueBatch} messages; {maxMessages} was asked for.");
        }
    }
}
