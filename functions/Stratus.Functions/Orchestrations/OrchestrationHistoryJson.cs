using System.Text.Json;
using System.Text.Json.Nodes;
using Stratus.Durable;
using Stratus.Durable.History;

namespace Stratus.Functions.Orchestrations;

/// <summary>
/// A history event as the API shows it: the engine's polymorphic serialization, with its discriminator as
/// <c>type</c> (first), payloads (<c>data</c>) as JSON values rather than strings of JSON, and no storage details.
/// </summary>
internal static class OrchestrationHistoryJson
{
    public static JsonObject ToJson(HistoryEvent historyEvent) =>
        Reshape(JsonSerializer.SerializeToNode(historyEvent, DurableSerializer.Options)!.AsObject());

    private static JsonObject Reshape(JsonObject source)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            switch (key)
            {
                case "$type":
                    result["type"] = value;
                    break;
                case "dataBlob":
                    break;
                case "data" when value is JsonValue text && text.TryGetValue<string>(out var json):
                    result[key] = RawJson.Parse(json);
                    break;
                default:
                    result[key] = Reshape(value);
                    break;
            }
        }

        return result;
    }

    private static JsonNode? Reshape(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject nested:
                return Reshape(nested);
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                foreach (var item in items)
                {
                    array.Add(Reshape(item));
                }

                return array;
            default:
                return node;
        }
    }
}
