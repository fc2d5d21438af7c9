using System.Text;
using System.Text.Json;
using Stratus.Api.Api;

namespace Stratus.Api.Orchestrations;

/// <summary>Reads the request bodies of the manage endpoints; a body that cannot be used is a problem text saying what to send.</summary>
internal static class OrchestrationRequestBody
{
    /// <returns>The body as a JSON value (null when there is none, or it is JSON null), or the problem with it.</returns>
    public static async Task<(JsonElement? Value, string? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        if (Api.JsonStringCheck.FindInvalid(Encoding.UTF8.GetBytes(text)) is { } invalid)
        {
            return (null, $"The request body cannot be used: the string at {invalid} is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800). Send valid JSON text.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Null ? (null, null) : (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, $"The request body is not valid JSON: {ex.Message} Send a JSON value (an object, array, string, number, true, false or null), or no body at all for null.");
        }
    }

    /// <returns>The reason from <c>{"reason": "..."}</c> (null when there is no body or no reason), or the problem with the body.</returns>
    public static async Task<(OrchestrationReason? Value, string? Problem)> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string Expected = "Send a JSON object such as {\"reason\": \"stuck waiting for approval\"}, or no body at all.";
        var (json, problem) = await ReadJsonAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (json is not { } body)
        {
            return (new OrchestrationReason(null), null);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, $"The request body is a JSON {body.ValueKind.ToString().ToLowerInvariant()}, not an object. {Expected}");
        }

        string? reason = null;
        foreach (var property in body.EnumerateObject())
        {
            if (!string.Equals(property.Name, "reason", StringComparison.OrdinalIgnoreCase))
            {
                return (null, $"The request body has an unknown property '{property.Name}'; 'reason' is the only one. {Expected}");
            }

            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    reason = property.Value.GetString();
                    break;
                case JsonValueKind.Null:
                    reason = null;
                    break;
                default:
                    return (null, $"'reason' must be a string; it is a JSON {property.Value.ValueKind.ToString().ToLowerInvariant()}. {Expected}");
            }
        }

        // Parsed by hand above (any casing, no body at all), then held to the record's declared limits like every other body.
        var value = new OrchestrationReason(reason);
        return JsonRequestBody.Refused(request.HttpContext, value) is { } invalid
            ? (null, invalid)
            : (value, null);
    }
}
