using Azure;

namespace Stratus.Storage.Azure;

/// <summary>Turns the SDKs' <see cref="RequestFailedException"/> into the port's typed exceptions, by status and error code.</summary>
internal static class AzureStorageErrors
{
    public static StorageException ToException(RequestFailedException ex, string subject, string? hint = null, int? failedActionIndex = null)
    {
        var code = Code(ex);
        var text = $"{subject}: {FirstLine(ex.Message)} ({code}, HTTP {ex.Status}).";
        if (hint is not null)
        {
            text += " " + hint;
        }

        var mapped = StorageException.FromStatus(ex.Status, code, text, failedActionIndex);
        return WithInner(mapped, ex);
    }

    /// <summary>The service's error code; a bodiless answer (HEAD, 304) may have none, so the status stands in.</summary>
    public static string Code(RequestFailedException ex) =>
        !string.IsNullOrEmpty(ex.ErrorCode) ? ex.ErrorCode : ex.Status switch
        {
            304 or 412 => "ConditionNotMet",
            404 => "ResourceNotFound",
            _ => $"Http{ex.Status}",
        };

    /// <summary>The service's one-line message, without the request id, time and headers the SDK appends.</summary>
    public static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "The request failed." : line;
    }

    // FromStatus builds the typed exception; the SDK's exception rides along as the cause for logs.
    private static StorageException WithInner(StorageException mapped, RequestFailedException inner) => mapped switch
    {
        ResourceNotFoundException => new ResourceNotFoundException(mapped.ErrorCode, mapped.Message, inner) { FailedActionIndex = mapped.FailedActionIndex },
        ResourceConflictException => new ResourceConflictException(mapped.ErrorCode, mapped.Message, inner) { FailedActionIndex = mapped.FailedActionIndex },
        PreconditionFailedException => new PreconditionFailedException(mapped.ErrorCode, mapped.Message, inner) { FailedActionIndex = mapped.FailedActionIndex },
        InvalidStorageRequestException => new InvalidStorageRequestException(mapped.ErrorCode, mapped.Message, mapped.Status, inner) { FailedActionIndex = mapped.FailedActionIndex },
        _ => new StorageException(mapped.Status, mapped.ErrorCode, mapped.Message, inner) { FailedActionIndex = mapped.FailedActionIndex },
    };
}
