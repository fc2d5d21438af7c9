using System.Threading.Channels;

namespace Stratus.Durable.Embedded;

/// <summary>The receive both dispatch queues share: the next ready item, or null once the deadline passes.</summary>
internal static class ChannelReceive
{
    /// <returns>The next item; null when none arrives before <paramref name="deadline"/> fires (a receive timeout or a
    /// stopping dispatcher), which DTFx expects as "no work item".</returns>
    public static async Task<T?> NextAsync<T>(ChannelReader<T> reader, CancellationToken deadline)
        where T : class
    {
        try
        {
            while (true)
            {
                if (reader.TryRead(out var item))
                {
                    return item;
                }

                if (!await reader.WaitToReadAsync(deadline))
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
