using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Api.Orchestrations;

/// <summary>The engine keeps payloads as JSON text; the API returns them as JSON values, not as strings of JSON.</summary>
internal static class RawJson
{
    /// <returns>The parsed value; null for no payload or JSON null; the text as a JSON string if it is not JSON.</returns>
    public static JsonNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
