using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Stratus.Durable;

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
    /// An instance's history in the Newtonsoft shape the backends store: as stored where the client can read it
    /// (<see cref="IOrchestrationHistoryReader"/>), else the SDK's typed events serialized to that shape, so
    /// <see cref="ToJson"/> treats both alike.
    /// </summary>
    public static async Task<IReadOnlyList<JsonObject>> ReadAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        client is IOrchestrationHistoryReader reader
            ? await reader.GetHistoryAsync(instanceId, cancellationToken)
            : [.. (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken))
                .Select(e => JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(e))).OfType<JsonObject>()];

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
