namespace Stratus.Storage;

/// <summary>404: the table, entity, container, blob, queue or message does not exist.</summary>
public sealed class ResourceNotFoundException(string errorCode, string message, Exception? innerException = null)
    : StorageException(404, errorCode, message, innerException);
