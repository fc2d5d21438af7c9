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
        !string.IsNullOrEmpty(ex.ErrorCode) ? ex.ErrorCode : CodeFromResponse(ex.GetRawResponse()) ?? ex.Status switch
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

    /// <summary>
    /// The code where the SDK did not find it: the x-ms-error-code header, else an XML <c>&lt;Code&gt;</c> in the body
    /// (the Tables SDK reads only JSON errors, and an auth failure answers in XML).
    /// </summary>
    private static string? CodeFromResponse(Response? response)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("x-ms-error-code", out var header) && !string.IsNullOrEmpty(header))
        {
            return header;
        }

        try
        {
            var body = response.Content?.ToString() ?? string.Empty;
            var start = body.IndexOf("<Code>", StringComparison.Ordinal);
            var end = start < 0 ? -1 : body.IndexOf("</Code>", start, StringComparison.Ordinal);
            return end > start ? body[(start + "<Code>".Length)..end].Trim() : null;
        }
        catch (InvalidOperationException)
        {
            // A streamed answer has no buffered body to look in.
            return null;
        }
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
