namespace Stratus.Storage;

/// <summary>
/// 400 (or 413/416): the request itself is wrong: a forbidden key character, an oversized entity or message,
/// a batch that mixes partitions, an out-of-range lease duration. Thrown before anything is written; the message says
/// what to change.
/// </summary>
public class InvalidStorageRequestException(string errorCode, string message, int status = 400, Exception? innerException = null)
    : StorageException(status, errorCode, message, innerException);
