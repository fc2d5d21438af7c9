using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Stratus.Storage.Tables;

namespace Stratus.Storage.AzureRest;

/// <summary>
/// An entity-group transaction in the Table service's OData batch format: one multipart/mixed changeset holding one
/// HTTP request per action. The service answers with a changeset response; on failure it holds one error response
/// whose message starts with the failing action's index.
/// </summary>
internal sealed partial class AzureTableBatch
{
    public AzureTableBatch(Uri endpoint, string table, IReadOnlyList<TableTransactionAction> actions)
    {
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        ContentType = $"multipart/mixed; boundary={batchBoundary}";
        var baseUrl = endpoint.AbsoluteUri.TrimEnd('/') + "/" + table;
        var body = new StringBuilder()
            .Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, url, ifMatch) = action.Type switch
            {
                TableTransactionActionType.Insert => ("POST", baseUrl, (ETag?)null),
                TableTransactionActionType.Replace => ("PUT", baseUrl + EntityKeySegment(entity.PartitionKey, entity.RowKey), action.EffectiveIfMatch),
                TableTransactionActionType.Merge => ("MERGE", baseUrl + EntityKeySegment(entity.PartitionKey, entity.RowKey), action.EffectiveIfMatch),
                TableTransactionActionType.UpsertReplace => ("PUT", baseUrl + EntityKeySegment(entity.PartitionKey, entity.RowKey), null),
                TableTransactionActionType.UpsertMerge => ("MERGE", baseUrl + EntityKeySegment(entity.PartitionKey, entity.RowKey), null),
                _ => ("DELETE", baseUrl + EntityKeySegment(entity.PartitionKey, entity.RowKey), action.EffectiveIfMatch),
            };
            body.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\n")
                .Append("DataServiceVersion: 3.0\r\n")
                .Append("Content-ID: ").Append(i + 1).Append("\r\n");
            if (ifMatch is { } etag)
            {
                body.Append("If-Match: ").Append(etag.ToString()).Append("\r\n");
            }

            if (action.Type == TableTransactionActionType.Delete)
            {
                body.Append("\r\n");
            }
            else
            {
                var json = Encoding.UTF8.GetString(AzureTableJson.Serialize(entity));
                body.Append("Prefer: return-no-content\r\n")
                    .Append("Content-Type: application/json\r\n\r\n")
                    .Append(json).Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        Body = Encoding.UTF8.GetBytes(body.ToString());
    }

    public string ContentType { get; }

    public byte[] Body { get; }

    /// <summary>The percent-encoded <c>(PartitionKey='…',RowKey='…')</c> segment; quotes in keys are doubled.</summary>
    public static string EntityKeySegment(string partitionKey, string rowKey) =>
        $"(PartitionKey='{Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal))}',RowKey='{Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal))}')";

    public static IReadOnlyList<ETag?> ParseResponse(string contentType, string body, int actionCount, string table)
    {
        var responses = StatusLine().Matches(body);
        if (responses.Count == 0)
        {
            throw new StorageException(502, "InvalidBatchResponse", $"The transaction on table '{table}' got a response with no operation results; its outcome is unknown. Content-Type: {contentType}.");
        }

        for (var i = 0; i < responses.Count; i++)
        {
            var status = int.Parse(responses[i].Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (status >= 300)
            {
                var partEnd = i + 1 < responses.Count ? responses[i + 1].Index : body.Length;
                throw PartFailure(status, body[responses[i].Index..partEnd], i, actionCount, table);
            }
        }

        if (responses.Count != actionCount)
        {
            throw new StorageException(502, "InvalidBatchResponse", $"The transaction on table '{table}' returned {responses.Count} results for {actionCount} actions.");
        }

        var etags = new ETag?[actionCount];
        for (var i = 0; i < responses.Count; i++)
        {
            var partEnd = i + 1 < responses.Count ? responses[i + 1].Index : body.Length;
            var etag = ETagHeader().Match(body, responses[i].Index, partEnd - responses[i].Index);
            etags[i] = etag.Success ? new ETag(etag.Groups["etag"].Value.Trim()) : null;
        }

        return etags;
    }

    private static StorageException PartFailure(int status, string part, int position, int actionCount, string table)
    {
        string code = "TransactionFailed";
        string message = "The transaction failed.";
        var jsonStart = part.IndexOf('{', StringComparison.Ordinal);
        if (jsonStart >= 0 && AzureStorageTransport.ReadODataError(part[jsonStart..].Trim().Split("\r\n--", 2)[0]) is { } error)
        {
            // Keep the generic message otherwise; the status still says what kind of failure it was.
            (code, message) = error;
        }

        // The service prefixes the message with the failing action's index ("2:The specified entity already exists").
        var index = position;
        var prefix = IndexPrefix().Match(message);
        if (prefix.Success)
        {
            index = int.Parse(prefix.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            message = message[prefix.Length..];
        }
        else if (ContentId().Match(part) is { Success: true } contentId)
        {
            index = int.Parse(contentId.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
        }

        index = Math.Clamp(index, 0, actionCount - 1);
        message = message.Split('\n')[0].Trim();
        var text = $"Transaction on table '{table}' failed at action {index}: {message} ({code}, HTTP {status}). Nothing was written.";
        return StorageException.FromStatus(status, code, text, index);
    }

    [GeneratedRegex(@"^HTTP/1\.1 (?<status>\d{3})", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^ETag:\s*(?<etag>.+?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ETagHeader();

    [GeneratedRegex(@"^(?<index>\d+):")]
    private static partial Regex IndexPrefix();

    [GeneratedRegex(@"^Content-ID:\s*(?<id>\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ContentId();
}
