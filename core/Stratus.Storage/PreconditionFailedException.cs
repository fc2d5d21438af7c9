namespace Stratus.Storage;

/// <summary>
/// 412: an <c>If-Match</c>/<c>If-None-Match</c> condition or a lease requirement was not met. This is how
/// optimistic concurrency reports that someone else won; it is never retried.
/// </summary>
public sealed class PreconditionFailedException(string errorCode, string message, Exception? innerException = null)
    : StorageException(412, errorCode, message, innerException);
