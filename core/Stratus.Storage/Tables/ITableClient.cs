using Azure;

namespace Stratus.Storage.Tables;

/// <summary>
/// One table. Writes return the entity's new ETag; <c>ifMatch</c> takes an ETag read earlier or <see cref="ETag.All"/>.
/// A lost optimistic-concurrency race is a <see cref="PreconditionFailedException"/>.
/// </summary>
public interface ITableClient
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <returns><c>true</c> if the table existed.</returns>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <returns>The entity, or <c>null</c> if there is none with these keys.</returns>
    Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <exception cref="ResourceConflictException">An entity with these keys exists (EntityAlreadyExists).</exception>
    Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Replaces every property. Fails with 404 if the entity is missing, 412 if the ETag does not match.</summary>
    Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Sets the given properties and keeps the others. Fails with 404 if missing, 412 if the ETag does not match.</summary>
    Task<ETag> MergeAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Inserts, or replaces/merges an existing entity whatever its ETag.</summary>
    Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entity. Fails with 404 if missing, 412 if the ETag does not match.</summary>
    Task DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a query, in (PartitionKey, RowKey) order. A page may be empty and still carry a continuation
    /// token; callers keep going until the token is <c>null</c>.
    /// </summary>
    Task<TablePage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// An atomic entity-group transaction: up to 100 actions on distinct entities of one partition. Either all
    /// apply or none does; a failure names the failing action in <see cref="StorageException.FailedActionIndex"/>.
    /// </summary>
    /// <returns>The new ETag of each action's entity, in order; <c>null</c> for deletes.</returns>
    Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}
