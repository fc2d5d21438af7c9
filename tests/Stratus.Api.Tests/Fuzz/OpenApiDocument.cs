using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Reads the operations of the API's own OpenAPI document (<c>/openapi/v1.json</c>), so the fuzz suite covers every
/// operation the API describes, including ones added after it was written.
/// </summary>
internal static class OpenApiDocument
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static IReadOnlyList<OpenApiOperation> Operations(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = operation.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new OpenApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, TypeOf(p.GetProperty("schema")))).ToList()
                    : [];
                JsonElement? body = null;
                if (operation.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema))
                {
                    body = Resolve(schema, schemas, depth: 0);
                }

                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), path.Name, parameters, body));
            }
        }

        return operations;
    }

    /// <summary>The first non-null type a schema allows (<c>["null", "integer", "string"]</c> is an integer).</summary>
    public static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "any";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            var types = type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList();
            return types.Count == 0 ? "null" : types[0];
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            return oneOf.EnumerateArray().Select(TypeOf).FirstOrDefault(t => t != "null") ?? "any";
        }

        return schema.TryGetProperty("properties", out _) ? "object" : "any";
    }

    // Inlines every $ref (and a oneOf of null and one schema) so generators see plain schemas.
    private static JsonElement Resolve(JsonElement schema, JsonElement schemas, int depth)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        return JsonSerializer.SerializeToElement(Inline(node, schemas, depth));
    }

    private static JsonNode? Inline(JsonNode? node, JsonElement schemas, int depth)
    {
        if (depth > 8 || node is null)
        {
            return node;
        }

        if (node is JsonObject obj)
        {
            if (obj["$ref"] is JsonValue reference)
            {
                var name = reference.GetValue<string>().Split('/')[^1];
                return Inline(JsonNode.Parse(schemas.GetProperty(name).GetRawText()), schemas, depth + 1);
            }

            if (obj["oneOf"] is JsonArray oneOf && oneOf.Count == 2 && oneOf.OfType<JsonObject>().Any(o => o["type"]?.GetValue<string>() == "null"))
            {
                var other = oneOf.OfType<JsonObject>().First(o => o["type"]?.GetValue<string>() != "null");
                return Inline(JsonNode.Parse(other.ToJsonString()), schemas, depth + 1);
            }

            var copy = new JsonObject();
            foreach (var (key, value) in obj)
            {
                copy[key] = Inline(value is null ? null : JsonNode.Parse(value.ToJsonString()), schemas, depth + 1);
            }

            return copy;
        }

        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(item => Inline(item is null ? null : JsonNode.Parse(item.ToJsonString()), schemas, depth + 1))]);
        }

        return node;
    }
}
