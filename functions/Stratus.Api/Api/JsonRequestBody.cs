using System.Text.Json;
using System.Text.Json.Serialization;
using Stratus.Api.Api.Validation;

namespace Stratus.Api.Api;

/// <summary>
/// Reads a JSON request body into a request record, strictly: an unknown property is an error, so a typo never
/// silently does nothing. A body that cannot be used comes back as a problem text that says what to send. A body that
/// parses is then held to its record's declared limits (<see cref="RequestValidator"/>), so every endpoint that reads a
/// body here refuses an over-long or control-character field before it looks at anything else.
/// </summary>
internal static class JsonRequestBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<(T? Value, string? Problem)> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class
    {
        // Bodies are bounded by the request body limit, so reading one whole is fine, and it lets the strings be
        // checked before anything reads them.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (json.StartsWith("\uFEFF"u8))
        {
            // A UTF-8 byte order mark, as some clients send; deserializing from the stream skipped it, so this does too.
            json = json[3..];
        }

        if (JsonStringCheck.FindInvalid(json) is { } invalid)
        {
            return (null, $"The request body cannot be used: the string at {invalid} is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800, or bytes that are not UTF-8). Send a JSON object such as {example}.");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Options);
            if (value is null)
            {
                return (null, $"The request body is empty. Send a JSON object such as {example}.");
            }

            return Refused(request.HttpContext, value) is { } refused ? (null, refused) : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            var reason = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"it has a property this endpoint does not know{where}"
                : ex.Message.Contains("could not be converted", StringComparison.Ordinal)
                    ? $"a value has the wrong type{where}"
                    : $"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {ex.BytePositionInLine ?? 0})";
            return (null, $"The request body cannot be used: {reason}. Send a JSON object such as {example}.");
        }
    }

    /// <summary>
    /// Holds a parsed body to its record's declared limits. The violation is kept on the request, so the 400 problem the
    /// endpoint answers also lists the fields (<c>field</c>, <c>errors</c>; see <c>AddStratusApi</c>).
    /// </summary>
    /// <returns>The problem text naming the fields over their limits, or <c>null</c>.</returns>
    public static string? Refused(HttpContext context, object value)
    {
        if (RequestValidator.Check(value, context.RequestServices) is not { } violation)
        {
            return null;
        }

        context.Items[RequestLimitViolation.HttpContextKey] = violation;
        return violation.Detail;
    }
}
