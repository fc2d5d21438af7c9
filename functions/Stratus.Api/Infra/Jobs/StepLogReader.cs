using System.Text;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Api.Infra.Jobs;

/// <summary>
/// Reads a step's log blob, whole or followed: new bytes are written to the response as the executor flushes them
/// (about every second, from whichever instance runs the step) until the step ends.
/// </summary>
internal sealed class StepLogReader(IStorageAccount storage, string blobName)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<string> ReadAllAsync(CancellationToken cancellationToken) => Encoding.UTF8.GetString(await ReadBytesAsync(cancellationToken));

    public async Task FollowAsync(HttpResponse response, Func<Task<bool>> ended, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Read the end state before the log, so the last lines are always sent once the step is over.
            var done = await ended();
            var bytes = await ReadBytesAsync(cancellationToken);
            if (bytes.Length > sent)
            {
                await response.Body.WriteAsync(bytes.AsMemory(sent), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                sent = bytes.Length;
            }

            if (done)
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<byte[]> ReadBytesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var download = await storage.Blobs.GetContainer(StepLog.Container).DownloadAsync(blobName, cancellationToken: cancellationToken);
            using var memory = new MemoryStream();
            await download.Content.CopyToAsync(memory, cancellationToken);
            return memory.ToArray();
        }
        catch (ResourceNotFoundException)
        {
            return [];
        }
    }
}
