using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Kubernetes.Runtime;

/// <summary>Tolerant readers for API objects: an absent field is the API's zero value, not an error.</summary>
internal static class KubernetesJson
{
    public static string? Text(JsonNode? node, string property) =>
        node is JsonObject obj && obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long Long(JsonNode? node, string property)
    {
        if (node is not JsonObject obj || obj[property] is not JsonValue value)
        {
            return 0;
        }

        return value.GetValueKind() switch
        {
            // Parsed objects hold a JsonElement, built ones a CLR number of any width: read the text either way.
            JsonValueKind.Number => long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0,
            JsonValueKind.String => long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0,
            _ => 0,
        };
    }

    public static string? Label(JsonObject item, string key) => Text(item["metadata"]?["labels"], key);

    public static string Name(JsonObject item) => Text(item["metadata"], "name") ?? "";

    /// <summary>
    /// A live object turned back into something to apply: what the server owns (status, identity, bookkeeping) goes, so
    /// re-applying it restores the spec without fighting over server fields.
    /// </summary>
    public static JsonObject ForReapply(JsonObject live)
    {
        var copy = (JsonObject)live.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in new[] { "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                metadata.Remove(field);
            }

            if (metadata["annotations"] is JsonObject annotations)
            {
                annotations.Remove("deployment.kubernetes.io/revision");
                annotations.Remove("kubectl.kubernetes.io/last-applied-configuration");
                if (annotations.Count == 0)
                {
                    metadata.Remove("annotations");
                }
            }
        }

        return copy;
    }
}
