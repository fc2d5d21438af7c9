namespace Stratus.Storage.Embedded;

/// <summary>The failures of the embedded store, with the status and error codes Azure Storage uses for the same case.</summary>
internal static class EmbeddedErrors
{
    public static ResourceNotFoundException TableNotFound(string table, int? actionIndex = null) =>
        new("TableNotFound", $"Table '{table}' does not exist; create it with CreateIfNotExistsAsync.") { FailedActionIndex = actionIndex };

    public static ResourceNotFoundException EntityNotFound(string table, string partitionKey, string rowKey, int? actionIndex = null) =>
        new("ResourceNotFound", $"Entity ({Show(partitionKey)}, {Show(rowKey)}) does not exist in table '{table}'; insert or upsert it instead.") { FailedActionIndex = actionIndex };

    public static ResourceConflictException EntityAlreadyExists(string table, string partitionKey, string rowKey, int? actionIndex = null) =>
        new("EntityAlreadyExists", $"Entity ({Show(partitionKey)}, {Show(rowKey)}) already exists in table '{table}'; use ReplaceAsync or UpsertAsync to overwrite it.") { FailedActionIndex = actionIndex };

    public static PreconditionFailedException EntityChanged(string table, string partitionKey, string rowKey, int? actionIndex = null) =>
        new("UpdateConditionNotSatisfied", $"Entity ({Show(partitionKey)}, {Show(rowKey)}) in table '{table}' has changed since it was read (its ETag no longer matches); read it again and retry.") { FailedActionIndex = actionIndex };

    public static ResourceNotFoundException ContainerNotFound(string container) =>
        new("ContainerNotFound", $"Container '{container}' does not exist; create it with CreateIfNotExistsAsync.");

    public static ResourceNotFoundException BlobNotFound(string container, string blob) =>
        new("BlobNotFound", $"Blob '{Show(blob)}' does not exist in container '{container}'.");

    public static ResourceConflictException BlobAlreadyExists(string container, string blob) =>
        new("BlobAlreadyExists", $"Blob '{Show(blob)}' already exists in container '{container}' and the write asked for If-None-Match: *; pick another name or drop the condition to overwrite it.");

    public static PreconditionFailedException BlobConditionNotMet(string container, string blob, string detail) =>
        new("ConditionNotMet", $"Blob '{Show(blob)}' in container '{container}' does not meet the request's condition: {detail} Read it again and retry.");

    public static InvalidStorageRequestException InvalidRange(string blob, long offset, long length) =>
        new("InvalidRange", $"The range starts at byte {offset}, but blob '{Show(blob)}' is {length} bytes long; ask for a range that starts inside the blob.", 416);

    public static PreconditionFailedException LeaseIdMissing(string blob) =>
        new("LeaseIdMissing", $"Blob '{Show(blob)}' is leased and the request gave no lease id; pass the lease id in the conditions, or break the lease.");

    public static PreconditionFailedException LeaseIdMismatchWithBlobOperation(string blob) =>
        new("LeaseIdMismatchWithBlobOperation", $"Blob '{Show(blob)}' is leased under another lease id than the one given; the lease has changed hands.");

    public static PreconditionFailedException LeaseNotPresentWithBlobOperation(string blob) =>
        new("LeaseNotPresentWithBlobOperation", $"The request gave a lease id, but blob '{Show(blob)}' has no active lease (it was released, broken or has expired); acquire a new lease.");

    public static ResourceConflictException LeaseAlreadyPresent(string blob) =>
        new("LeaseAlreadyPresent", $"Blob '{Show(blob)}' is already leased by someone else; wait for the lease to expire or be released, or break it.");

    public static ResourceConflictException LeaseIsBreakingAndCannotBeAcquired(string blob) =>
        new("LeaseIsBreakingAndCannotBeAcquired", $"The lease on blob '{Show(blob)}' is being broken and cannot be acquired again until the break period ends.");

    public static ResourceConflictException LeaseIsBrokenAndCannotBeRenewed(string blob) =>
        new("LeaseIsBrokenAndCannotBeRenewed", $"The lease on blob '{Show(blob)}' has been broken and cannot be renewed; acquire a new lease.");

    public static ResourceConflictException LeaseIdMismatchWithLeaseOperation(string blob) =>
        new("LeaseIdMismatchWithLeaseOperation", $"The lease id given does not match the lease on blob '{Show(blob)}' (or the blob has no lease); acquire a new lease.");

    public static ResourceConflictException LeaseNotPresentWithLeaseOperation(string blob) =>
        new("LeaseNotPresentWithLeaseOperation", $"Blob '{Show(blob)}' has no lease to break.");

    public static InvalidStorageRequestException InvalidLeaseId(string leaseId) =>
        new("InvalidHeaderValue", $"Lease id '{Show(leaseId)}' is not a GUID; lease ids are GUIDs.");

    public static ResourceNotFoundException QueueNotFound(string queue) =>
        new("QueueNotFound", $"Queue '{queue}' does not exist; create it with CreateIfNotExistsAsync.");

    public static ResourceNotFoundException MessageNotFound(string queue, string messageId) =>
        new("MessageNotFound", $"Message '{Show(messageId)}' is not in queue '{queue}', or its pop receipt is stale (it was received, updated or deleted since, or has expired); receive it again.");

    public static InvalidStorageRequestException InvalidPageSize(int pageSize) =>
        new("OutOfRangeQueryParameterValue", $"A blob listing page holds 1–{StorageLimits.MaxBlobListPageSize} blobs; {pageSize} was asked for.");

    private static string Show(string value) => StorageNames.Printable(value);
}
