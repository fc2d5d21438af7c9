using System.Text;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Api.Infra.Jobs;

/// <summary>
/// Reads a step's log blob, whole or followed: new bytes are written to the response as the executor flushes them
/// (about every second, from whichever instance runs the step) until the step ends. The log is terraform's output as
/// it was written, colours included; with <c>ansi: false</c> every terminal control sequence is removed
/// (<see cref="AnsiEscapes"/>).
/// </summary>
internal sealed class StepLogReader(IStorageAccount storage, string blobName)
{
    public const string ContentType = "text/plain; charset=utf-8";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <returns>The whole log as UTF-8 bytes.</returns>
    public async Task<byte[]> ReadAllAsync(bool ansi, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(cancellationToken);
        return ansi ? bytes : Strip(bytes);
    }

    public async Task FollowAsync(HttpResponse response, Func<Task<bool>> ended, bool ansi, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Read the end state before the log, so the last lines are always sent once the step is over.
            var done = await ended();
            var bytes = await ReadBytesAsync(cancellationToken);

            // Stripping works on whole lines, so a sequence (or a UTF-8 character) cut by a flush is never split.
            var end = ansi || done ? bytes.Length : bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
            if (end > sent)
            {
                var chunk = bytes.AsMemory(sent, end - sent);
                await response.Body.WriteAsync(ansi ? chunk : Strip(chunk.Span), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                sent = end;
            }

            if (done)
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static byte[] Strip(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetBytes(AnsiEscapes.Strip(Encoding.UTF8.GetString(bytes)));

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
