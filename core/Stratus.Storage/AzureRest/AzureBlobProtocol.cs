using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Stratus.Storage.Blobs;

namespace Stratus.Storage.AzureRest;

/// <summary>The Blob REST API's wire formats: headers, query strings, block ids and the list and block-list XML.</summary>
internal static class AzureBlobProtocol
{
    private const string MetadataPrefix = "x-ms-meta-";

    /// <summary>
    /// Block ids must all have the same length within a blob. A per-upload GUID keeps two concurrent uploads of the same
    /// blob from overwriting each other's uncommitted blocks.
    /// </summary>
    public static string BlockId(Guid upload, int index)
    {
        Span<byte> raw = stackalloc byte[20];
        upload.TryWriteBytes(raw);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw[16..], index);
        return Convert.ToBase64String(raw);
    }

    public static byte[] BlockListXml(IEnumerable<string> blockIds)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id))));
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        {
            document.Save(writer, SaveOptions.DisableFormatting);
        }

        return buffer.ToArray();
    }

    public static void ApplyConditions(Request request, BlobConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", FormatETag(ifMatch));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", FormatETag(ifNoneMatch));
        }

        ApplyLease(request, conditions.LeaseId);
    }

    public static void ApplyLease(Request request, string? leaseId)
    {
        if (leaseId is not null)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    public static void ApplyMetadata(Request request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue(MetadataPrefix + key, value);
        }
    }

    public static string FormatETag(ETag etag) => etag == ETag.All ? "*" : etag.ToString("H");

    /// <summary>
    /// Properties from a HEAD or GET response. <paramref name="contentLength"/> overrides the Content-Length header,
    /// which for a ranged read is the range's length rather than the blob's.
    /// </summary>
    public static BlobProperties ReadProperties(string blobName, Response response, long? contentLength = null)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return new BlobProperties(
            blobName,
            contentLength ?? HeaderLong(response, "Content-Length") ?? 0,
            response.Headers.ContentType,
            AzureStorageTransport.ReadETag(response),
            ReadLastModified(response),
            metadata,
            ParseLeaseState(Header(response, "x-ms-lease-state")));
    }

    /// <summary>The whole blob's size from <c>Content-Range: bytes 0-9/1234</c>.</summary>
    public static long? TotalLengthFromContentRange(Response response)
    {
        var range = Header(response, "Content-Range");
        var slash = range?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    public static DateTimeOffset ReadLastModified(Response response) => ParseDate(Header(response, "Last-Modified"));

    public static string? Header(Response response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;

    public static long? HeaderLong(Response response, string name) =>
        long.TryParse(Header(response, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static BlobLeaseState ParseLeaseState(string? value) => value?.ToLowerInvariant() switch
    {
        "leased" => BlobLeaseState.Leased,
        "expired" => BlobLeaseState.Expired,
        "breaking" => BlobLeaseState.Breaking,
        "broken" => BlobLeaseState.Broken,
        _ => BlobLeaseState.Available,
    };

    /// <summary>Parses a List Blobs answer (<c>EnumerationResults</c>); the continuation is its <c>NextMarker</c>.</summary>
    public static BlobPage ParseList(XDocument document)
    {
        var root = document.Root ?? throw new InvalidOperationException("The List Blobs answer has no root element.");
        var items = new List<BlobProperties>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var nameElement = blob.Element("Name");
            var name = nameElement?.Value ?? string.Empty;
            if (string.Equals((string?)nameElement?.Attribute("Encoded"), "true", StringComparison.OrdinalIgnoreCase))
            {
                name = Uri.UnescapeDataString(name);
            }

            var properties = blob.Element("Properties");
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in blob.Element("Metadata")?.Elements() ?? [])
            {
                metadata[entry.Name.LocalName] = entry.Value;
            }

            var etag = properties?.Element("Etag")?.Value ?? string.Empty;
            items.Add(new BlobProperties(
                name,
                long.TryParse(properties?.Element("Content-Length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0,
                NullIfEmpty(properties?.Element("Content-Type")?.Value),
                new ETag(etag.Length >= 2 && etag[0] == '"' && etag[^1] == '"' ? etag[1..^1] : etag),
                ParseDate(properties?.Element("Last-Modified")?.Value),
                metadata,
                ParseLeaseState(properties?.Element("LeaseState")?.Value)));
        }

        return new BlobPage(items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    private static DateTimeOffset ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : default;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
