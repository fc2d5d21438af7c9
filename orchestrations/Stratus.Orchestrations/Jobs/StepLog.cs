using System.Text;
using Stratus.Storage;
using Stratus.Storage.Blobs;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// A step's log: lines are collected in memory and the whole log is written to its blob about once a second and at
/// the end, so followers (the streaming endpoint polls the blob) see it live from any instance. Lines arrive already
/// masked by the executor.
/// </summary>
public sealed class StepLog : IAsyncDisposable
{
    public const string Container = "stratus-logs";
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private readonly IBlobContainerClient _container;
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Task _flusher;
    private int _written;

    private StepLog(IBlobContainerClient container, string blobName, string text = "")
    {
        _container = container;
        BlobName = blobName;
        _text.Append(text);
        _written = text.Length;
        _flusher = FlushPeriodicallyAsync();
    }

    public string BlobName { get; }

    public static string NameFor(string organization, string workspace, int jobId, int step) => $"{organization}/{workspace}/{jobId}/{step}.log";

    public static async Task<StepLog> OpenAsync(IStorageAccount storage, string blobName, CancellationToken cancellationToken)
    {
        var container = storage.Blobs.GetContainer(Container);
        await container.CreateIfNotExistsAsync(cancellationToken);
        return new StepLog(container, blobName);
    }

    /// <summary>
    /// Reopens a log that an earlier run of the step wrote, keeping it up to and including the last line equal to
    /// <paramref name="marker"/>, so a re-run that replays the sandbox's output from its start neither loses nor
    /// repeats lines. Null when the log has no such line (the earlier run never got that far).
    /// </summary>
    public static async Task<StepLog?> ResumeAsync(IStorageAccount storage, string blobName, string marker, CancellationToken cancellationToken)
    {
        var container = storage.Blobs.GetContainer(Container);
        await container.CreateIfNotExistsAsync(cancellationToken);
        string text;
        try
        {
            await using var download = await container.DownloadAsync(blobName, cancellationToken: cancellationToken);
            using var reader = new StreamReader(download.Content, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        var line = marker + "\n";
        var at = text.StartsWith(line, StringComparison.Ordinal) ? 0 : text.LastIndexOf("\n" + line, StringComparison.Ordinal) is var found and >= 0 ? found + 1 : -1;
        return at < 0 ? null : new StepLog(container, blobName, text[..(at + line.Length)]);
    }

    /// <summary>Writes what the log holds now (before starting something a later run must find in it).</summary>
    public Task FlushNowAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public void Write(string line)
    {
        lock (_gate)
        {
            _text.Append(line).Append('\n');
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _flusher;
        await FlushAsync(CancellationToken.None);
        _stop.Dispose();
        _flushing.Dispose();
    }

    private async Task FlushPeriodicallyAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(FlushInterval, _stop.Token);
                await FlushAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush follows.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            lock (_gate)
            {
                if (_text.Length == _written)
                {
                    return;
                }

                _written = _text.Length;
                bytes = Encoding.UTF8.GetBytes(_text.ToString());
            }

            using var content = new MemoryStream(bytes);
            await _container.UploadAsync(BlobName, content, new BlobUploadOptions { ContentType = "text/plain; charset=utf-8" }, cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }
}
