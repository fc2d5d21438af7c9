using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Routing;

/// <summary>Reads a router's JSON answers leniently: routers differ in which fields they send, and a Go router sends <c>null</c> for an empty list.</summary>
internal static class TsuruRouterJson
{
    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new RouterException(response.StatusCode, text, "The router answered with something other than JSON.", e);
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ReadAsync(response, cancellationToken) switch
        {
            JsonObject obj => obj,
            null => [],
            _ => throw new RouterException(HttpStatusCode.OK, "", "The router answered with JSON that is not an object."),
        };

    public static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()) ?? [];

    public static string? Text(JsonObject obj, string property) =>
        obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A number, or a number written as text; 0 otherwise.</summary>
    public static int Integer(JsonObject obj, string property) => obj[property] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => 0,
    };
}
