using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;

namespace Stratus.Api.Orchestrations;

/// <summary>
/// A history event as the API shows it. Backends hand DTFx's events over as Newtonsoft JSON (PascalCase, the event
/// type as a number, sometimes with <c>$type</c> annotations); the API names the type (<c>type</c>, first), uses
/// camelCase at the top level, drops serializer annotations at every level, and returns payloads (<c>input</c>,
/// <c>result</c>) as JSON values rather than strings of JSON.
/// </summary>
internal static class OrchestrationHistoryJson
{
    private static readonly HashSet<string> Payloads = new(StringComparer.OrdinalIgnoreCase) { "Input", "Result", "Output" };

    /// <summary>
    /// Events a client handed over as objects (the Durable Functions extension's client), in the same Newtonsoft
    /// shape the backends store, so <see cref="ToJson"/> treats both alike.
    /// </summary>
    public static IReadOnlyList<JsonObject> FromEvents(IEnumerable<HistoryEvent> events) =>
        [.. events.Select(e => JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(e))).OfType<JsonObject>()];

    public static JsonObject ToJson(JsonObject source)
    {
        var result = new JsonObject();
        if (source["EventType"] is JsonValue type && type.TryGetValue<int>(out var number) && Enum.IsDefined((EventType)number))
        {
            result["type"] = ((EventType)number).ToString();
        }

        foreach (var (key, value) in source.ToList())
        {
            if (key is "EventType" or "IsPlayed" or "ExtensionData" or "$type")
            {
                continue;
            }

            source.Remove(key);
            result[JsonNamingPolicy.CamelCase.ConvertName(key)] =
                Payloads.Contains(key) && value is JsonValue text && text.TryGetValue<string>(out var json)
                    ? RawJson.Parse(json)
                    : WithoutAnnotations(value);
        }

        return result;
    }

    private static JsonNode? WithoutAnnotations(JsonNode? node)
    {
        if (node is JsonObject nested)
        {
            nested.Remove("$type");
            foreach (var (_, value) in nested)
            {
                WithoutAnnotations(value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                WithoutAnnotations(item);
            }
        }

        return node;
    }
}
