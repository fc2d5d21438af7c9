using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Stratus.Storage.Tables;

namespace Stratus.Storage.AzureRest;

/// <summary>One table over the Table service REST API (OData v3 JSON).</summary>
internal sealed class AzureTableClient(AzureStorageTransport transport, string name) : ITableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    public string Name { get; } = name;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await transport.SendAsync(message, cancellationToken);
        // Only "already exists" is success; 409 TableBeingDeleted means the table is not there (and cannot be yet).
        if (response.Status is not (201 or 204) && !(response.Status == 409 && AzureStorageTransport.ReadError(response).Code == "TableAlreadyExists"))
        {
            throw AzureStorageTransport.ToException(response, $"Creating table '{Name}'");
        }
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"Tables('{Name}')");
        var response = await transport.SendAsync(message, cancellationToken);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw AzureStorageTransport.ToException(response, $"Deleting table '{Name}'"),
        };
    }

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateKey(partitionKey, "PartitionKey");
        StorageNames.ValidateKey(rowKey, "RowKey");
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status == 200)
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            return AzureTableJson.Deserialize(json.RootElement, AzureStorageTransport.ReadETag(response));
        }

        if (response.Status == 404 && AzureStorageTransport.ReadError(response).Code == "ResourceNotFound")
        {
            return null;
        }

        throw Failure(response, $"Reading ({partitionKey}, {rowKey})");
    }

    public async Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity);
        using var message = CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, AzureTableJson.Serialize(entity));
        return await SendWriteAsync(message, entity, "Inserting", cancellationToken);
    }

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(RequestMethod.Put, entity, RequireETag(ifMatch), "Replacing", cancellationToken);

    public Task<ETag> MergeAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(Merge, entity, RequireETag(ifMatch), "Merging", cancellationToken);

    public Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        UpdateAsync(mode == TableUpdateMode.Replace ? RequestMethod.Put : Merge, entity, null, "Upserting", cancellationToken);

    public async Task DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateKey(partitionKey, "PartitionKey");
        StorageNames.ValidateKey(rowKey, "RowKey");
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", RequireETag(ifMatch).ToString());
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 204)
        {
            throw Failure(response, $"Deleting ({partitionKey}, {rowKey})");
        }
    }

    public async Task<TablePage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        query.Validate();
        var parameters = new List<string> { "$top=" + query.PageSize };
        if (query.ToCombinedFilter() is { } filter)
        {
            parameters.Add("$filter=" + Uri.EscapeDataString(filter.ToOData()));
        }

        if (query.Select is { Count: > 0 } select)
        {
            // The service returns only what $select names; the port promises keys and timestamp on every entity.
            parameters.Add("$select=" + Uri.EscapeDataString(string.Join(',', select.Prepend("Timestamp").Prepend("RowKey").Prepend("PartitionKey").Distinct(StringComparer.Ordinal))));
        }

        if (TableContinuation.Decode(continuationToken) is var (nextPartition, nextRow))
        {
            parameters.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
            if (nextRow is not null)
            {
                parameters.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
            }
        }

        using var message = CreateMessage(RequestMethod.Get, Name + "()", string.Join('&', parameters));
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw Failure(response, "Querying");
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var items = json.RootElement.GetProperty("value").EnumerateArray().Select(e => AzureTableJson.Deserialize(e)).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partitionToken);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var rowToken);
        return new TablePage(items, TableContinuation.Encode(partitionToken, rowToken));
    }

    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateTransaction(actions);
        var batch = new AzureTableBatch(transport.Endpoint, Name, actions);
        using var message = CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status != 202)
        {
            throw Failure(response, "Submitting a transaction");
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        return AzureTableBatch.ParseResponse(contentType ?? string.Empty, response.Content.ToString(), actions.Count, Name);
    }

    private async Task<ETag> UpdateAsync(RequestMethod method, TableEntity entity, ETag? ifMatch, string verb, CancellationToken cancellationToken)
    {
        TableEntityValidator.Validate(entity);
        using var message = CreateMessage(method, EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", etag.ToString());
        }

        SetJson(message, AzureTableJson.Serialize(entity));
        return await SendWriteAsync(message, entity, verb, cancellationToken);
    }

    private async Task<ETag> SendWriteAsync(HttpMessage message, TableEntity entity, string verb, CancellationToken cancellationToken)
    {
        var response = await transport.SendAsync(message, cancellationToken);
        if (response.Status is 201 or 204)
        {
            return AzureStorageTransport.ReadETag(response);
        }

        throw Failure(response, $"{verb} ({entity.PartitionKey}, {entity.RowKey})");
    }

    private StorageException Failure(Response response, string action)
    {
        var (code, _) = AzureStorageTransport.ReadError(response);
        var hint = code switch
        {
            "TableNotFound" => "Create the table with CreateIfNotExistsAsync first.",
            "UpdateConditionNotSatisfied" => "Someone else changed the entity: read it again and retry with the new ETag.",
            "EntityAlreadyExists" => "Use Upsert or Replace to overwrite an existing entity.",
            _ => null,
        };
        return AzureStorageTransport.ToException(response, $"{action} in table '{Name}'", hint);
    }

    private HttpMessage CreateMessage(RequestMethod method, string escapedPath, string? query = null)
    {
        var message = transport.CreateMessage(method, escapedPath, query, escapePath: false);
        var headers = message.Request.Headers;
        headers.SetValue("Accept", JsonAccept);
        headers.SetValue("DataServiceVersion", "3.0");
        headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetJson(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private static ETag RequireETag(ETag ifMatch) =>
        ifMatch == default
            ? throw new InvalidStorageRequestException("MissingRequiredHeader", "An ETag is required: pass the one read with the entity, or ETag.All to overwrite whatever is there.")
            : ifMatch;

    internal string EntityPath(string partitionKey, string rowKey) => $"{Name}{AzureTableBatch.EntityKeySegment(partitionKey, rowKey)}";
}
