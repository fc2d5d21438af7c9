using System.Buffers;
using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Stratus.Storage.Blobs;

namespace Stratus.Storage.AzureRest;

/// <summary>
/// One container of block blobs over the Blob REST API. Uploads stream in blocks so memory stays at two blocks
/// whatever the blob's size; downloads hand the caller the open response stream.
/// </summary>
internal sealed class AzureBlobContainerClient : IBlobContainerClient
{
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    // The service allows 4000 MiB blocks, but every block is held in memory; a quarter GiB is already generous.
    private const int MaxBlockSize = 256 * 1024 * 1024;
    private const int MaxBlockCount = 50_000;
    private const string DefaultContentType = "application/octet-stream";
    private readonly AzureStorageTransport _transport;
    private readonly int _blockSize;

    public AzureBlobContainerClient(AzureStorageTransport transport, string name, int blockSize = DefaultBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockSize, MaxBlockSize);
        _transport = transport;
        _blockSize = blockSize;
        Name = name;
    }

    public string Name { get; }

    private string ContainerSubject => $"Container '{Name}'";

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateContainerMessage(RequestMethod.Put, "restype=container");
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status is 201 || (response.Status is 409 && ErrorCode(response) == "ContainerAlreadyExists"))
        {
            return;
        }

        throw AzureStorageTransport.ToException(response, ContainerSubject, Hint(response));
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateContainerMessage(RequestMethod.Delete, "restype=container");
        var response = await _transport.SendAsync(message, cancellationToken);
        return response.Status switch
        {
            202 or 200 => true,
            404 => false,
            _ => throw AzureStorageTransport.ToException(response, ContainerSubject),
        };
    }

    public async Task<BlobProperties> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        StorageNames.ValidateMetadata(options.Metadata);

        var first = ArrayPool<byte>.Shared.Rent(_blockSize);
        byte[]? second = null;
        try
        {
            var filled = await ReadBlockAsync(content, first.AsMemory(0, _blockSize), cancellationToken);
            if (filled < _blockSize)
            {
                return await PutBlobAsync(blobName, first.AsMemory(0, filled), options, cancellationToken);
            }

            second = ArrayPool<byte>.Shared.Rent(_blockSize);
            return await PutBlocksAsync(blobName, content, first, second, filled, options, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            if (second is not null)
            {
                ArrayPool<byte>.Shared.Return(second);
            }
        }
    }

    public async Task<BlobDownload> DownloadAsync(string blobName, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        options?.Range?.Validate();
        using var message = CreateBlobMessage(RequestMethod.Get, blobName);
        message.BufferResponse = false;
        if (options?.Range is { } range)
        {
            message.Request.Headers.SetValue("Range", range.ToHeaderValue());
        }

        AzureBlobProtocol.ApplyConditions(message.Request, options?.Conditions);
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status is not (200 or 206))
        {
            await BufferErrorAsync(response, cancellationToken);
            throw response.Status == 304
                ? new PreconditionFailedException("ConditionNotMet", $"{BlobSubject(blobName)}: the blob still matches If-None-Match (HTTP 304).")
                : AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
        }

        var total = response.Status == 206 ? AzureBlobProtocol.TotalLengthFromContentRange(response) : null;
        var properties = AzureBlobProtocol.ReadProperties(blobName, response, total);
        return new BlobDownload(message.ExtractResponseContent() ?? Stream.Null, properties);
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        using var message = CreateBlobMessage(RequestMethod.Head, blobName);
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status == 200)
        {
            return AzureBlobProtocol.ReadProperties(blobName, response);
        }

        // A HEAD answer has no body, so a 404 is told apart by its error-code header. Should a proxy drop the header,
        // a HEAD on the container decides, so that a missing container is still reported rather than read as "no blob".
        var code = response.Status == 404 ? AzureBlobProtocol.Header(response, "x-ms-error-code") : null;
        if (code == "BlobNotFound")
        {
            return null;
        }

        if (response.Status == 404 && code != "ContainerNotFound")
        {
            using var probe = CreateContainerMessage(RequestMethod.Head, "restype=container");
            var container = await _transport.SendAsync(probe, cancellationToken);
            if (container.Status == 200)
            {
                return null;
            }

            throw AzureStorageTransport.ToException(container, ContainerSubject, "Create the container with CreateIfNotExistsAsync first.");
        }

        throw AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
    }

    public async Task<BlobProperties> SetMetadataAsync(string blobName, IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(metadata);
        StorageNames.ValidateMetadata(metadata);
        ETag etag;
        DateTimeOffset lastModified;
        using (var message = CreateBlobMessage(RequestMethod.Put, blobName, "comp=metadata"))
        {
            AzureBlobProtocol.ApplyMetadata(message.Request, metadata);
            AzureBlobProtocol.ApplyConditions(message.Request, conditions);
            var response = await _transport.SendAsync(message, cancellationToken);
            if (response.Status != 200)
            {
                throw AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
            }

            etag = AzureStorageTransport.ReadETag(response);
            lastModified = AzureBlobProtocol.ReadLastModified(response);
        }

        // Set Blob Metadata answers with the new ETag only. Length, type and lease state are not changed by it, so a
        // follow-up HEAD supplies them; the ETag and metadata stay those of this write, which callers chain If-Match on.
        var current = await GetPropertiesAsync(blobName, cancellationToken);
        return new BlobProperties(
            blobName,
            current?.ContentLength ?? 0,
            current?.ContentType,
            etag,
            lastModified,
            new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase),
            current?.LeaseState ?? (conditions?.LeaseId is null ? BlobLeaseState.Available : BlobLeaseState.Leased));
    }

    public async Task<bool> DeleteAsync(string blobName, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        using var message = CreateBlobMessage(RequestMethod.Delete, blobName);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        AzureBlobProtocol.ApplyConditions(message.Request, conditions);
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status is 202 or 200)
        {
            return true;
        }

        if (response.Status == 404 && ErrorCode(response) != "ContainerNotFound")
        {
            return false;
        }

        throw AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
    }

    public async Task<BlobPage> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > StorageLimits.MaxBlobListPageSize)
        {
            throw new InvalidStorageRequestException("OutOfRangeQueryParameterValue", $"A blob list page holds 1–{StorageLimits.MaxBlobListPageSize} blobs; {pageSize} was asked for.");
        }

        var query = AzureStorageTransport.Query(
            ("restype", "container"),
            ("comp", "list"),
            ("prefix", string.IsNullOrEmpty(prefix) ? null : prefix),
            ("marker", string.IsNullOrEmpty(continuationToken) ? null : continuationToken),
            ("maxresults", pageSize.ToString(CultureInfo.InvariantCulture)),
            ("include", "metadata"));
        using var message = CreateContainerMessage(RequestMethod.Get, query);
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw AzureStorageTransport.ToException(response, ContainerSubject, Hint(response));
        }

        var document = await XDocument.LoadAsync(response.ContentStream ?? Stream.Null, LoadOptions.None, cancellationToken);
        return AzureBlobProtocol.ParseList(document);
    }

    public async Task<string> AcquireLeaseAsync(string blobName, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        BlobLeaseValidator.ValidateDuration(duration);
        var seconds = duration is { } d ? ((int)d.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "-1";
        var response = await SendLeaseAsync(blobName, "acquire", 201, cancellationToken, ("x-ms-lease-duration", seconds), ("x-ms-proposed-lease-id", proposedLeaseId));
        return AzureBlobProtocol.Header(response, "x-ms-lease-id")
            ?? throw new StorageException(response.Status, "MissingLeaseId", $"{BlobSubject(blobName)}: the service granted a lease without saying its id.");
    }

    public async Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        await SendLeaseAsync(blobName, "renew", 200, cancellationToken, ("x-ms-lease-id", leaseId));
    }

    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        await SendLeaseAsync(blobName, "release", 200, cancellationToken, ("x-ms-lease-id", leaseId));
    }

    public async Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        BlobLeaseValidator.ValidateBreakPeriod(breakPeriod);
        var period = breakPeriod is { } p ? ((int)Math.Ceiling(p.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null;
        var response = await SendLeaseAsync(blobName, "break", 202, cancellationToken, ("x-ms-lease-break-period", period));
        return TimeSpan.FromSeconds(AzureBlobProtocol.HeaderLong(response, "x-ms-lease-time") ?? 0);
    }

    /// <summary>Fills <paramref name="buffer"/> unless the stream ends first; returns how much was read.</summary>
    private static async Task<int> ReadBlockAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>A non-buffered response's error body must be read before it can be turned into an exception.</summary>
    private static async Task BufferErrorAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.ContentStream is { } stream and not MemoryStream)
        {
            var buffered = new MemoryStream();
            await stream.CopyToAsync(buffered, cancellationToken);
            await stream.DisposeAsync();
            buffered.Position = 0;
            response.ContentStream = buffered;
        }
    }

    private static string? ErrorCode(Response response) =>
        AzureBlobProtocol.Header(response, "x-ms-error-code") ?? AzureStorageTransport.ReadError(response).Code;

    private static string? Hint(Response response) => ErrorCode(response) switch
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

    private async Task<BlobProperties> PutBlobAsync(string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        using var message = CreateBlobMessage(RequestMethod.Put, blobName);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? DefaultContentType);
        AzureBlobProtocol.ApplyMetadata(request, options.Metadata);
        AzureBlobProtocol.ApplyConditions(request, options.Conditions);
        request.Content = RequestContent.Create(content);
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status != 201)
        {
            throw AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
        }

        return Uploaded(blobName, content.Length, options, response);
    }

    /// <summary>
    /// Sends each block while the next one is read into the other buffer, then commits the list. The conditions and
    /// metadata go on the commit; each block carries only the lease id, which a leased blob requires for every write.
    /// </summary>
    private async Task<BlobProperties> PutBlocksAsync(
        string blobName, Stream content, byte[] current, byte[] next, int currentLength, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var upload = Guid.NewGuid();
        var blockIds = new List<string>();
        long total = 0;
        while (currentLength > 0)
        {
            if (blockIds.Count == MaxBlockCount)
            {
                throw new InvalidStorageRequestException(
                    "BlockCountExceedsLimit",
                    $"{BlobSubject(blobName)}: a blob holds at most {MaxBlockCount} blocks of {_blockSize} bytes; use a larger block size.",
                    413);
            }

            var blockId = AzureBlobProtocol.BlockId(upload, blockIds.Count);
            using var step = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var put = PutBlockAsync(blobName, blockId, current.AsMemory(0, currentLength), options.Conditions?.LeaseId, step.Token);
            var read = ReadBlockAsync(content, next.AsMemory(0, _blockSize), step.Token);

            // When one side fails the other is cancelled, and both are awaited before either buffer is touched again.
            if (await Task.WhenAny(put, read) is { IsFaulted: true } or { IsCanceled: true })
            {
                await step.CancelAsync();
            }

            await Task.WhenAll(put, read);
            blockIds.Add(blockId);
            total += currentLength;
            currentLength = read.Result;
            (current, next) = (next, current);
        }

        using var message = CreateBlobMessage(RequestMethod.Put, blobName, "comp=blocklist");
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? DefaultContentType);
        request.Headers.SetValue("Content-Type", "application/xml");
        AzureBlobProtocol.ApplyMetadata(request, options.Metadata);
        AzureBlobProtocol.ApplyConditions(request, options.Conditions);
        request.Content = RequestContent.Create(AzureBlobProtocol.BlockListXml(blockIds));
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status == 400 && ErrorCode(response) == "InvalidBlockList")
        {
            // Committing (or deleting) a blob discards all of its uncommitted blocks, so these blocks, all accepted a
            // moment ago, are gone because another writer won the race for this blob: a conflict, not a bad request.
            var lost = AzureStorageTransport.ToException(response, BlobSubject(blobName));
            throw new ResourceConflictException(
                "InvalidBlockList",
                lost.Message + " Another upload or delete of this blob finished while this upload was sending its blocks, which discarded them; upload again if this content should win.",
                lost);
        }

        if (response.Status != 201)
        {
            throw AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
        }

        return Uploaded(blobName, total, options, response);
    }

    private async Task PutBlockAsync(string blobName, string blockId, ReadOnlyMemory<byte> block, string? leaseId, CancellationToken cancellationToken)
    {
        using var message = CreateBlobMessage(RequestMethod.Put, blobName, AzureStorageTransport.Query(("comp", "block"), ("blockid", blockId)));
        AzureBlobProtocol.ApplyLease(message.Request, leaseId);
        message.Request.Content = RequestContent.Create(block);
        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status != 201)
        {
            throw AzureStorageTransport.ToException(response, BlobSubject(blobName), Hint(response));
        }
    }

    private async Task<Response> SendLeaseAsync(string blobName, string action, int expectedStatus, CancellationToken cancellationToken, params (string Name, string? Value)[] headers)
    {
        using var message = CreateBlobMessage(RequestMethod.Put, blobName, "comp=lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                message.Request.Headers.SetValue(name, value);
            }
        }

        var response = await _transport.SendAsync(message, cancellationToken);
        if (response.Status != expectedStatus)
        {
            throw AzureStorageTransport.ToException(response, $"Lease {action} on {BlobSubject(blobName)}", Hint(response));
        }

        return response;
    }

    private BlobProperties Uploaded(string blobName, long length, BlobUploadOptions options, Response response) => new(
        blobName,
        length,
        options.ContentType ?? DefaultContentType,
        AzureStorageTransport.ReadETag(response),
        AzureBlobProtocol.ReadLastModified(response),
        new Dictionary<string, string>(options.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),

        // The write's answer does not carry the lease state. One made with a lease id succeeded only because that lease
        // is held; one without only because no lease is active (an expired or broken one is reported as Available).
        options.Conditions?.LeaseId is null ? BlobLeaseState.Available : BlobLeaseState.Leased);

    private HttpMessage CreateContainerMessage(RequestMethod method, string query) => _transport.CreateMessage(method, Name, query);

    private HttpMessage CreateBlobMessage(RequestMethod method, string blobName, string? query = null) =>
        _transport.CreateMessage(method, $"{Name}/{blobName}", query);

    private string BlobSubject(string blobName) => $"Blob '{StorageNames.Printable(blobName)}' in container '{Name}'";
}
