using System.IO.Compression;
using System.Text;
using Stratus.Durable.History;
using Stratus.Storage;

namespace Stratus.Durable.Storage;

/// <summary>
/// Keeps rows and messages small: a payload over the threshold is gzipped into a blob under
/// <c>{instance id}/</c> (so purge finds it) and replaced by the blob's name.
/// </summary>
internal sealed class PayloadStore(TaskHub hub)
{
    public bool IsLarge(string? data) => data is not null && data.Length > hub.Options.LargePayloadThreshold;

    public Task<(string? Inline, string? Blob)> ExternalizeAsync(string instanceId, string? data, CancellationToken cancellationToken) =>
        ExternalizeAsync(instanceId, data, force: false, cancellationToken);

    public async Task<(string? Inline, string? Blob)> ExternalizeAsync(string instanceId, string? data, bool force, CancellationToken cancellationToken)
    {
        if (data is null || (!force && !IsLarge(data)))
        {
            return (data, null);
        }

        var name = $"{instanceId}/{Guid.NewGuid():N}.json.gz";
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(data), cancellationToken);
        }

        buffer.Position = 0;
        await hub.Payloads.UploadAsync(name, buffer, new() { ContentType = "application/gzip" }, cancellationToken);
        return (null, name);
    }

    public async Task<T> ExternalizeAsync<T>(string instanceId, T historyEvent, CancellationToken cancellationToken)
        where T : HistoryEvent
    {
        if (!IsLarge(historyEvent.Data))
        {
            return historyEvent;
        }

        var (_, blob) = await ExternalizeAsync(instanceId, historyEvent.Data, cancellationToken);
        return historyEvent with { Data = null, DataBlob = blob };
    }

    public async Task<string?> ResolveAsync(string? inline, string? blob, CancellationToken cancellationToken)
    {
        if (blob is null)
        {
            return inline;
        }

        try
        {
            await using var download = await hub.Payloads.DownloadAsync(blob, cancellationToken: cancellationToken);
            await using var gzip = new GZipStream(download.Content, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (ResourceNotFoundException exception)
        {
            throw new InvalidOperationException($"The payload blob '{blob}' is missing; was the instance purged while running?", exception);
        }
    }

    public async Task<T> ResolveAsync<T>(T historyEvent, CancellationToken cancellationToken)
        where T : HistoryEvent =>
        historyEvent.DataBlob is null
            ? historyEvent
            : historyEvent with { Data = await ResolveAsync(null, historyEvent.DataBlob, cancellationToken), DataBlob = null };

    public async Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await hub.Payloads.ListAsync($"{instanceId}/", continuation, cancellationToken: cancellationToken);
            await Task.WhenAll(page.Items.Select(b => hub.Payloads.DeleteAsync(b.Name, cancellationToken: cancellationToken)));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }
}
