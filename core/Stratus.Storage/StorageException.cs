namespace Stratus.Storage;

/// <summary>
/// Base of every failure the storage ports report. <see cref="Status"/> is the HTTP status the Azure REST API
/// uses for the same failure (the embedded adapter reports the same numbers), and <see cref="ErrorCode"/> is the
/// storage error code (for example <c>EntityAlreadyExists</c> or <c>LeaseIdMissing</c>).
/// </summary>
public class StorageException : Exception
{
    public StorageException(int status, string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public int Status { get; }

    public string ErrorCode { get; }

    /// <summary>For a failed entity-group transaction: the index of the action that failed.</summary>
    public int? FailedActionIndex { get; init; }

    /// <summary>The typed exception for an HTTP status: 404, 409 and 412 have their own types; 400, 413 and 416 are invalid requests.</summary>
    public static StorageException FromStatus(int status, string errorCode, string message, int? failedActionIndex = null) => status switch
    {
        404 => new ResourceNotFoundException(errorCode, message) { FailedActionIndex = failedActionIndex },
        409 => new ResourceConflictException(errorCode, message) { FailedActionIndex = failedActionIndex },
        412 => new PreconditionFailedException(errorCode, message) { FailedActionIndex = failedActionIndex },
        400 or 413 or 416 => new InvalidStorageRequestException(errorCode, message, status) { FailedActionIndex = failedActionIndex },
        _ => new StorageException(status, errorCode, message) { FailedActionIndex = failedActionIndex },
    };
}
