using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Stratus.Api.Api;

/// <summary>
/// Reads a <c>multipart/form-data</c> body part by part, so a malformed one is a 400 that names the part that broke
/// (<see cref="HttpRequest.ReadFormAsync(CancellationToken)"/> throws one exception for the whole form, which was a 500).
/// Fields are read as UTF-8 text; file parts are spooled to temporary files deleted with the request.
/// </summary>
internal static class MultipartFormBody
{
    private const int MaxParts = 32;
    private const int MaxBoundaryLength = 70; // RFC 2046
    private const int MaxFieldBytes = 2 * 1024 * 1024;

    public static async Task<(IFormCollection? Form, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string Expected = "Send multipart/form-data with a boundary parameter and one part per field, each with a Content-Disposition form-data header that names it.";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= MaxBoundaryLength } boundary)
        {
            return (null, $"The multipart form has no usable boundary in its Content-Type (1 to {MaxBoundaryLength} characters). {Expected}");
        }

        var fields = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.OrdinalIgnoreCase);
        var files = new FormFileCollection();
        var reader = new MultipartReader(boundary, request.Body);
        var number = 0;
        string? name = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                number++;
                name = null;
                if (number > MaxParts)
                {
                    return (null, $"The multipart form has more than {MaxParts} parts. {Expected}");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } partName)
                {
                    return (null, $"Part {number} of the multipart form has no Content-Disposition: form-data header with a name. {Expected}");
                }

                name = partName;
                if (disposition.IsFileDisposition())
                {
                    files.Add(await SpoolAsync(request.HttpContext, section, name, HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? name, cancellationToken));
                }
                else
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        return (null, $"Part {number} ('{name}') of the multipart form is larger than {MaxFieldBytes} bytes; only file parts may be that large.");
                    }

                    fields[name] = Microsoft.Extensions.Primitives.StringValues.Concat(fields.GetValueOrDefault(name), value);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException || ex is IOException and not BadHttpRequestException)
        {
            // A 413 (BadHttpRequestException) is left to the body limit middleware.
            var part = name is null ? $"part {number}" : $"part {number} ('{name}')";
            return (null, $"The multipart form cannot be read at {(number == 0 ? "its start" : part)}: {ex.Message} {Expected}");
        }

        return (new FormCollection(fields, files), null);
    }

    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        // Strict: bytes that are not UTF-8 are an error naming the part, not silently replaced text.
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<IFormFile> SpoolAsync(HttpContext context, MultipartSection section, string name, string fileName, CancellationToken cancellationToken)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        context.Response.RegisterForDisposeAsync(spool);
        await section.Body.CopyToAsync(spool, cancellationToken);
        return new FormFile(spool, 0, spool.Length, name, fileName)
        {
            Headers = new HeaderDictionary(section.Headers ?? []),
            ContentType = section.ContentType ?? "application/octet-stream",
        };
    }
}
