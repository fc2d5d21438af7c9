using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

/// <summary>
/// Every string a request body can carry has a declared limit in the OpenAPI document, so an endpoint added later
/// cannot forget one (and the OpenAPI-driven fuzz suite knows what to send).
/// </summary>
public sealed class RequestBodyLimitsOpenApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task OpenApi_RequestBodies_EveryStringArrayAndMapIsBounded()
    {
        using var client = api.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var unbounded = new List<string>();
        var bodies = 0;
        var strings = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body)
                    || !body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    continue;
                }

                bodies++;
                Walk(json.GetProperty("schema"), $"{operation.Name.ToUpperInvariant()} {path.Name} body", schemas, unbounded, new HashSet<string>(), ref strings);
            }
        }

        Assert.True(bodies >= 40, $"only {bodies} JSON request bodies were found in the document");
        Assert.True(strings >= 80, $"only {strings} string fields were found in the request bodies");
        Assert.True(unbounded.Count == 0, "Request body fields without a limit:\n" + string.Join("\n", unbounded));
    }

    private static void Walk(JsonElement schema, string where, JsonElement schemas, List<string> unbounded, HashSet<string> seen, ref int strings)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (seen.Add(name))
            {
                Walk(schemas.GetProperty(name), where, schemas, unbounded, seen, ref strings);
                seen.Remove(name);
            }

            return;
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var variants))
            {
                foreach (var variant in variants.EnumerateArray())
                {
                    Walk(variant, where, schemas, unbounded, seen, ref strings);
                }
            }
        }

        var types = Types(schema);
        if (types.Contains("string"))
        {
            strings++;
            if (!schema.TryGetProperty("maxLength", out _) && !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("format", out _))
            {
                unbounded.Add($"{where}: string without maxLength");
            }
        }

        if (types.Contains("array"))
        {
            if (!schema.TryGetProperty("maxItems", out _))
            {
                unbounded.Add($"{where}: array without maxItems");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                Walk(items, where + "[]", schemas, unbounded, seen, ref strings);
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                Walk(property.Value, $"{where}.{property.Name}", schemas, unbounded, seen, ref strings);
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            if (!schema.TryGetProperty("maxProperties", out _))
            {
                unbounded.Add($"{where}: map without maxProperties");
            }

            Walk(values, where + "{}", schemas, unbounded, seen, ref strings);
        }
    }

    private static HashSet<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet()
            : [type.GetString()!];
    }
}
