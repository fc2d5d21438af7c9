using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Stratus.Storage.Blobs;
using BlobDownloadOptions = Stratus.Storage.Blobs.BlobDownloadOptions;
using BlobProperties = Stratus.Storage.Blobs.BlobProperties;
using BlobUploadOptions = Stratus.Storage.Blobs.BlobUploadOptions;
using SdkDownloadOptions = Azure.Storage.Blobs.Models.BlobDownloadOptions;
using SdkUploadOptions = Azure.Storage.Blobs.Models.BlobUploadOptions;

namespace Stratus.Storage.Azure;

/// <summary>
/// One container of block blobs over the SDK's <see cref="BlobContainerClient"/>. Uploads stream in blocks (the SDK's
/// partitioned upload, bounded by <see cref="AzureBlobTransfer"/>); downloads hand the caller the SDK's response stream.
/// </summary>
internal sealed class AzureBlobContainerClient : IBlobContainerClient
{
    public const int DefaultBlockSize = AzureBlobTransfer.DefaultBlockSize;
    private const string DefaultContentType = "application/octet-stream";
    private readonly BlobContainerClient _container;
    private readonly StorageTransferOptions _transfer;

    public AzureBlobContainerClient(BlobContainerClient container, int blockSize = DefaultBlockSize)
    {
        _container = container;
        _transfer = AzureBlobTransfer.Options(blockSize);
    }

    public string Name => _container.Name;

    private string ContainerSubject => $"Container '{Name}'";

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, ContainerSubject);
        }
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await _container.DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, ContainerSubject);
        }
    }

    public async Task<BlobProperties> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        StorageNames.ValidateMetadata(options.Metadata);
        var contentType = options.ContentType ?? DefaultContentType;
        var sdkOptions = new SdkUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = options.Metadata?.ToDictionary(StringComparer.OrdinalIgnoreCase),
            Conditions = ToSdk(options.Conditions),
            TransferOptions = _transfer,
        };

        // The upload's answer carries no length; a seekable source says it, a forward-only one is counted as it is read.
        var counted = content.CanSeek ? null : new CountingReadStream(content);
        var length = content.CanSeek ? content.Length - content.Position : 0;
        try
        {
            var response = await _container.GetBlobClient(blobName).UploadAsync((Stream?)counted ?? content, sdkOptions, cancellationToken);
            return new BlobProperties(
                blobName,
                counted?.BytesRead ?? length,
                contentType,
                Unquoted(response.Value.ETag),
                response.Value.LastModified,
                new Dictionary<string, string>(options.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),

                // The write's answer does not carry the lease state. One made with a lease id succeeded only because that lease
                // is held; one without only because no lease is active (an expired or broken one is reported as Available).
                options.Conditions?.LeaseId is null ? BlobLeaseState.Available : BlobLeaseState.Leased);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == "InvalidBlockList")
        {
            // Committing (or deleting) a blob discards all of its uncommitted blocks, so these blocks, all accepted a
            // moment ago, are gone because another writer won the race for this blob: a conflict, not a bad request.
            var lost = Failure(ex, BlobSubject(blobName));
            throw new ResourceConflictException(
                "InvalidBlockList",
                lost.Message + " Another upload or delete of this blob finished while this upload was sending its blocks, which discarded them; upload again if this content should win.",
                ex);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, BlobSubject(blobName));
        }
        finally
        {
            if (counted is not null)
            {
                await counted.DisposeAsync();
            }
        }
    }

    public async Task<BlobDownload> DownloadAsync(string blobName, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        options?.Range?.Validate();
        var sdkOptions = new SdkDownloadOptions
        {
            Range = options?.Range is { } range ? new HttpRange(range.Offset, range.Length) : default,
            Conditions = ToSdk(options?.Conditions),
        };
        try
        {
            var response = await _container.GetBlobClient(blobName).DownloadStreamingAsync(sdkOptions, cancellationToken);

            // The SDK treats 304 (If-None-Match held) as a success without a body; the port calls it a failed precondition.
            if (response.GetRawResponse().Status == 304)
            {
                throw new PreconditionFailedException("ConditionNotMet", $"{BlobSubject(blobName)}: the blob still matches If-None-Match (HTTP 304).");
            }

            var details = response.Value.Details;

            // A ranged read's Content-Length is the range's; the whole blob's length is after the slash of Content-Range.
            var total = options?.Range is not null && TotalLength(details.ContentRange) is { } whole ? whole : details.ContentLength;
            var properties = new BlobProperties(
                blobName,
                total,
                details.ContentType,
                Unquoted(details.ETag),
                details.LastModified,
                new Dictionary<string, string>(details.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
                ToLeaseState(details.LeaseState));
            return new BlobDownload(response.Value.Content, properties);
        }
        catch (RequestFailedException ex) when (ex.Status == 304)
        {
            throw new PreconditionFailedException("ConditionNotMet", $"{BlobSubject(blobName)}: the blob still matches If-None-Match (HTTP 304).", ex);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, BlobSubject(blobName));
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        try
        {
            var response = await _container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            var p = response.Value;
            return new BlobProperties(
                blobName,
                p.ContentLength,
                p.ContentType,
                Unquoted(p.ETag),
                p.LastModified,
                new Dictionary<string, string>(p.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
                ToLeaseState(p.LeaseState));
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "BlobNotFound")
        {
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "ContainerNotFound")
        {
            // A HEAD answer has no body, so a 404 is told apart by its error-code header. Should a proxy drop the header,
            // a HEAD on the container decides, so that a missing container is still reported rather than read as "no blob".
            return await ContainerExistsAsync(cancellationToken) ? null : throw Failure(ex, ContainerSubject);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, BlobSubject(blobName));
        }
    }

    public async Task<BlobProperties> SetMetadataAsync(string blobName, IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(metadata);
        StorageNames.ValidateMetadata(metadata);
        BlobInfo info;
        try
        {
            info = (await _container.GetBlobClient(blobName).SetMetadataAsync(metadata.ToDictionary(StringComparer.OrdinalIgnoreCase), ToSdk(conditions), cancellationToken)).Value;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, BlobSubject(blobName));
        }

        // Set Blob Metadata answers with the new ETag only. Length, type and lease state are not changed by it, so a
        // follow-up HEAD supplies them; the ETag and metadata stay those of this write, which callers chain If-Match on.
        var current = await GetPropertiesAsync(blobName, cancellationToken);
        return new BlobProperties(
            blobName,
            current?.ContentLength ?? 0,
            current?.ContentType,
            Unquoted(info.ETag),
            info.LastModified,
            new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase),
            current?.LeaseState ?? (conditions?.LeaseId is null ? BlobLeaseState.Available : BlobLeaseState.Leased));
    }

    public async Task<bool> DeleteAsync(string blobName, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        try
        {
            await _container.GetBlobClient(blobName).DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, ToSdk(conditions), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "ContainerNotFound")
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, BlobSubject(blobName));
        }
    }

    public async Task<BlobPage> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > StorageLimits.MaxBlobListPageSize)
        {
            throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"A blob list page holds 1–{StorageLimits.MaxBlobListPageSize} blobs; {pageSize} was asked for.");
        }

        try
        {
            var pages = _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, string.IsNullOrEmpty(prefix) ? null : prefix, cancellationToken)
                .AsPages(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSize);
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                var items = page.Values.Select(b => new BlobProperties(
                    b.Name,
                    b.Properties.ContentLength ?? 0,
                    string.IsNullOrEmpty(b.Properties.ContentType) ? null : b.Properties.ContentType,
                    Unquoted(b.Properties.ETag ?? default),
                    b.Properties.LastModified ?? default,
                    new Dictionary<string, string>(b.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
                    ToLeaseState(b.Properties.LeaseState))).ToList();
                return new BlobPage(items, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new BlobPage([], null);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, ContainerSubject);
        }
    }

    public async Task<string> AcquireLeaseAsync(string blobName, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        BlobLeaseValidator.ValidateDuration(duration);
        var lease = Lease(blobName, proposedLeaseId);
        try
        {
            var response = await lease.AcquireAsync(duration ?? BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
            return response.Value.LeaseId;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Lease acquire on {BlobSubject(blobName)}");
        }
    }

    public async Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        try
        {
            await Lease(blobName, leaseId).RenewAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Lease renew on {BlobSubject(blobName)}");
        }
    }

    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        try
        {
            await Lease(blobName, leaseId).ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Lease release on {BlobSubject(blobName)}");
        }
    }

    public async Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        BlobLeaseValidator.ValidateBreakPeriod(breakPeriod);

        // The service takes whole seconds; round up so a lease is never broken sooner than asked.
        var period = breakPeriod is { } p ? TimeSpan.FromSeconds(Math.Ceiling(p.TotalSeconds)) : (TimeSpan?)null;
        try
        {
            var response = await Lease(blobName, null).BreakAsync(period, cancellationToken: cancellationToken);
            return TimeSpan.FromSeconds(response.Value.LeaseTime ?? 0);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Lease break on {BlobSubject(blobName)}");
        }
    }

    private static BlobRequestConditions? ToSdk(BlobConditions? conditions) => conditions is null
        ? null
        : new BlobRequestConditions { IfMatch = conditions.IfMatch, IfNoneMatch = conditions.IfNoneMatch, LeaseId = conditions.LeaseId };

    /// <summary>
    /// One form for every ETag the port hands out: the SDK keeps the header's quotes but a listing has none, and callers
    /// compare them. The quotes go back on (ETag "H" format) when the SDK sends an If-Match.
    /// </summary>
    private static ETag Unquoted(ETag etag)
    {
        var text = etag.ToString();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? new ETag(text[1..^1]) : etag;
    }

    private static BlobLeaseState ToLeaseState(LeaseState? state) => state switch
    {
        LeaseState.Leased => BlobLeaseState.Leased,
        LeaseState.Expired => BlobLeaseState.Expired,
        LeaseState.Breaking => BlobLeaseState.Breaking,
        LeaseState.Broken => BlobLeaseState.Broken,
        _ => BlobLeaseState.Available,
    };

    /// <summary>The whole blob's size from <c>Content-Range: bytes 0-9/1234</c>; the SDK hands the header over only as text.</summary>
    private static long? TotalLength(string? contentRange)
    {
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? total
            : null;
    }

    private static StorageException Failure(RequestFailedException ex, string subject)
    {
        var hint = ex.ErrorCode switch
        {
            "ContainerNotFound" => "Create the container with CreateIfNotExistsAsync first.",
            "LeaseIdMissing" => "The blob is leased: pass the lease id in BlobConditions.LeaseId.",
            "LeaseIdMismatchWithBlobOperation" or "LeaseIdMismatchWithLeaseOperation" =>
                "The lease id is not the blob's current lease; it may have expired and been acquired by someone else.",
            "LeaseNotPresentWithBlobOperation" or "LeaseNotPresentWithLeaseOperation" =>
                "The blob has no active lease; it expired, was released or was broken.",
            "LeaseAlreadyPresent" => "Someone else holds the lease: wait for it to expire, or break it.",
            "ConditionNotMet" => "The blob changed since its ETag was read: read it again and retry.",
            "BlobAlreadyExists" => "The write asked for a blob that did not exist yet (If-None-Match: *).",
            _ => null,
        };
        return AzureStorageErrors.ToException(ex, subject, hint);
    }

    private async Task<bool> ContainerExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.ExistsAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, ContainerSubject);
        }
    }

    private BlobLeaseClient Lease(string blobName, string? leaseId) => _container.GetBlobClient(blobName).GetBlobLeaseClient(leaseId);

    private string BlobSubject(string blobName) => $"Blob '{StorageNames.Printable(blobName)}' in container '{Name}'";
}
