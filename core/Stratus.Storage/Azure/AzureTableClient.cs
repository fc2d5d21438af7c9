using Azure;
using Azure.Data.Tables;
using Stratus.Storage.Tables;
using SdkTableEntity = Azure.Data.Tables.TableEntity;
using SdkTransactionAction = Azure.Data.Tables.TableTransactionAction;
using SdkUpdateMode = Azure.Data.Tables.TableUpdateMode;
using TableEntity = Stratus.Storage.Tables.TableEntity;
using TableTransactionAction = Stratus.Storage.Tables.TableTransactionAction;
using TableTransactionActionType = Stratus.Storage.Tables.TableTransactionActionType;
using SdkActionType = Azure.Data.Tables.TableTransactionActionType;
using TableUpdateMode = Stratus.Storage.Tables.TableUpdateMode;

namespace Stratus.Storage.Azure;

/// <summary>One table over the SDK's <see cref="TableClient"/>. Queries send the port's filter as the OData string.</summary>
internal sealed class AzureTableClient(TableClient table) : ITableClient
{
    public string Name => table.Name;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await table.CreateAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == "TableAlreadyExists")
        {
            // Only "already exists" is success (the SDK's CreateIfNotExists takes any 409); 409 TableBeingDeleted
            // means the table is not there, and cannot be yet.
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, "Creating");
        }
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await table.DeleteAsync(cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, "Deleting");
        }
    }

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateKey(partitionKey, "PartitionKey");
        StorageNames.ValidateKey(rowKey, "RowKey");
        try
        {
            var response = await table.GetEntityAsync<SdkTableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return AzureTableEntities.FromSdk(response.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "ResourceNotFound")
        {
            return null;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Reading ({partitionKey}, {rowKey})");
        }
    }

    public async Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity);
        try
        {
            var response = await table.AddEntityAsync(AzureTableEntities.ToSdk(entity), cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Inserting ({entity.PartitionKey}, {entity.RowKey})");
        }
    }

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(entity, RequireETag(ifMatch), SdkUpdateMode.Replace, "Replacing", cancellationToken);

    public Task<ETag> MergeAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(entity, RequireETag(ifMatch), SdkUpdateMode.Merge, "Merging", cancellationToken);

    public async Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.Validate(entity);
        try
        {
            var response = await table.UpsertEntityAsync(AzureTableEntities.ToSdk(entity), ToSdk(mode), cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"Upserting ({entity.PartitionKey}, {entity.RowKey})");
        }
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateKey(partitionKey, "PartitionKey");
        StorageNames.ValidateKey(rowKey, "RowKey");
        var subject = $"Deleting ({partitionKey}, {rowKey})";
        Response response;
        try
        {
            response = await table.DeleteEntityAsync(partitionKey, rowKey, RequireETag(ifMatch), cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, subject);
        }

        // The SDK answers a missing entity with its 404 instead of throwing; the port promises ResourceNotFoundException.
        if (response.Status == 404)
        {
            throw Failure(new RequestFailedException(response), subject);
        }
    }

    public async Task<TablePage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        query.Validate();
        var filter = query.ToCombinedFilter()?.ToOData();

        // The service returns only what $select names; the port promises keys and timestamp on every entity.
        var select = query.Select is { Count: > 0 } names
            ? names.Prepend("Timestamp").Prepend("RowKey").Prepend("PartitionKey").Distinct(StringComparer.Ordinal).ToList()
            : null;

        // The SDK's token is wrapped in the port's opaque encoding, so a foreign token is rejected alike on both adapters.
        var sdkToken = TableContinuation.Decode(continuationToken) is var (token, _) ? token : null;
        try
        {
            var pages = table.QueryAsync<SdkTableEntity>(filter, query.PageSize, select, cancellationToken).AsPages(sdkToken, query.PageSize);
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                var items = page.Values.Select(AzureTableEntities.FromSdk).ToList();
                return new TablePage(items, TableContinuation.Encode(page.ContinuationToken, null));
            }

            return new TablePage([], null);
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, "Querying");
        }
    }

    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateTransaction(actions);
        var sdkActions = actions.Select(ToSdk).ToList();
        try
        {
            var response = await table.SubmitTransactionAsync(sdkActions, cancellationToken);
            return response.Value.Select(r => r.Headers.ETag).ToList();
        }
        catch (TableTransactionFailedException ex)
        {
            var index = Math.Clamp(ex.FailedTransactionActionIndex ?? 0, 0, actions.Count - 1);
            var code = AzureStorageErrors.Code(ex);
            var message = AzureStorageErrors.FirstLine(ex.Message);

            // The service prefixes the message with the failing action's index ("2:The specified entity already exists").
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && message[..colon].All(char.IsAsciiDigit))
            {
                message = message[(colon + 1)..];
            }

            var text = $"Transaction on table '{Name}' failed at action {index}: {message} ({code}, HTTP {ex.Status}). Nothing was written.";
            var failure = StorageException.FromStatus(ex.Status, code, text, index);
            throw failure;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, "Submitting a transaction");
        }
    }

    private async Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, SdkUpdateMode mode, string verb, CancellationToken cancellationToken)
    {
        TableEntityValidator.Validate(entity);
        try
        {
            var response = await table.UpdateEntityAsync(AzureTableEntities.ToSdk(entity), ifMatch, mode, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex)
        {
            throw Failure(ex, $"{verb} ({entity.PartitionKey}, {entity.RowKey})");
        }
    }

    private StorageException Failure(RequestFailedException ex, string action)
    {
        var hint = ex.ErrorCode switch
        {
            "TableNotFound" => "Create the table with CreateIfNotExistsAsync first.",
            "UpdateConditionNotSatisfied" => "Someone else changed the entity: read it again and retry with the new ETag.",
            "EntityAlreadyExists" => "Use Upsert or Replace to overwrite an existing entity.",
            _ => null,
        };
        return AzureStorageErrors.ToException(ex, $"{action} in table '{Name}'", hint);
    }

    private static SdkTransactionAction ToSdk(TableTransactionAction action)
    {
        var entity = AzureTableEntities.ToSdk(action.Entity);
        return action.Type switch
        {
            TableTransactionActionType.Insert => new SdkTransactionAction(SdkActionType.Add, entity),
            TableTransactionActionType.Replace => new SdkTransactionAction(SdkActionType.UpdateReplace, entity, action.EffectiveIfMatch),
            TableTransactionActionType.Merge => new SdkTransactionAction(SdkActionType.UpdateMerge, entity, action.EffectiveIfMatch),
            TableTransactionActionType.UpsertReplace => new SdkTransactionAction(SdkActionType.UpsertReplace, entity),
            TableTransactionActionType.UpsertMerge => new SdkTransactionAction(SdkActionType.UpsertMerge, entity),
            _ => new SdkTransactionAction(SdkActionType.Delete, entity, action.EffectiveIfMatch),
        };
    }

    private static SdkUpdateMode ToSdk(TableUpdateMode mode) => mode == TableUpdateMode.Replace ? SdkUpdateMode.Replace : SdkUpdateMode.Merge;

    private static ETag RequireETag(ETag ifMatch) =>
        ifMatch == default
            ? throw new InvalidStorageRequestException("MissingRequiredHeader", "An ETag is required: pass the one read with the entity, or ETag.All to overwrite whatever is there.")
            : ifMatch;
}
