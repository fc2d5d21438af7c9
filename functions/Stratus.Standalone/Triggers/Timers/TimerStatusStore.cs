using System.Text.Json;
using Azure;
using Stratus.Api.Triggers;
using Stratus.Storage;
using Stratus.Storage.Blobs;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// One timer function's status blob. Every write is conditional (<c>If-None-Match: *</c> to create, <c>If-Match</c> to
/// replace), so of two instances that start from the same read only one can record the next step. The timer loop
/// uses that as its claim on an occurrence: it runs the function only after its write won.
/// </summary>
internal sealed class TimerStatusStore(IBlobContainerClient container, string blobName)
{
    private const int MaxLoadAttempts = 5;

    public string BlobName => blobName;

    /// <summary>The current status, created from <paramref name="initial"/> when there is none or it cannot be read.</summary>
    public async Task<StoredTimerStatus> LoadOrCreateAsync(Func<TimerScheduleStatus> initial, CancellationToken cancellationToken)
    {
        // Each round loses only to another instance's write, after which its result is what we read next.
        for (var attempt = 1; attempt <= MaxLoadAttempts; attempt++)
        {
            BlobDownload download;
            try
            {
                download = await container.DownloadAsync(blobName, cancellationToken: cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                if (await TryCreateAsync(initial(), cancellationToken) is { } created)
                {
                    return created;
                }

                continue;
            }

            TimerScheduleStatus? status;
            await using (download)
            {
                status = await TryDeserializeAsync(download.Content, cancellationToken);
            }

            if (status is not null)
            {
                return new StoredTimerStatus(status, download.Properties.ETag);
            }

            // An unreadable record (hand-edited, truncated) is replaced, as a missing one is created.
            if (await TryReplaceAsync(initial(), download.Properties.ETag, cancellationToken) is { } replaced)
            {
                return replaced;
            }
        }

        throw new InvalidOperationException($"The timer status blob '{blobName}' kept changing while it was read {MaxLoadAttempts} times; another writer is racing this one.");
    }

    /// <returns>The written status, or <c>null</c> if the blob already exists.</returns>
    public async Task<StoredTimerStatus?> TryCreateAsync(TimerScheduleStatus status, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(status, BlobConditions.IfNotExists, cancellationToken);
        }
        catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException)
        {
            return null;
        }
    }

    /// <returns>The written status, or <c>null</c> if the blob changed (or vanished) since <paramref name="etag"/> was read.</returns>
    public async Task<StoredTimerStatus?> TryReplaceAsync(TimerScheduleStatus status, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(status, BlobConditions.Matching(etag), cancellationToken);
        }
        catch (PreconditionFailedException)
        {
            return null;
        }
        catch (ResourceNotFoundException ex) when (ex.ErrorCode != "ContainerNotFound")
        {
            return null;
        }
    }

    private static async Task<TimerScheduleStatus?> TryDeserializeAsync(Stream content, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(content, TimerStatusJsonContext.Default.TimerScheduleStatus, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<StoredTimerStatus> WriteAsync(TimerScheduleStatus status, BlobConditions conditions, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(status, TimerStatusJsonContext.Default.TimerScheduleStatus));
        var properties = await container.UploadAsync(
            blobName,
            content,
            new BlobUploadOptions { ContentType = "application/json", Conditions = conditions },
            cancellationToken);
        return new StoredTimerStatus(status, properties.ETag);
    }
}
