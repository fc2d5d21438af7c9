namespace Stratus.Storage;

/// <summary>409: the resource already exists, or a lease operation conflicts with the lease's state. Never retried.</summary>
public sealed class ResourceConflictException(string errorCode, string message, Exception? innerException = null)
    : StorageException(409, errorCode, message, innerException);
