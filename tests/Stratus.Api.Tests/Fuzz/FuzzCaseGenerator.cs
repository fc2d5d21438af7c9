using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Turns each operation of the document into requests: a valid-ish baseline, then one mutation at a time of its body
/// (per property: wrong type, null, missing, hostile strings; whole body: malformed JSON, wrong content types, deep
/// nesting, huge arrays, 1 MiB strings, a body over the limit), its path parameters (<c>..</c>, <c>%00</c>,
/// <c>%2F</c>, long and unicode segments, names that do not exist) and its query parameters (junk, overflow).
/// Every choice comes from one <see cref="Random"/> with a fixed seed, so a run is reproducible.
/// </summary>
internal sealed class FuzzCaseGenerator(FuzzSeedSet seed, Random random)
{
    private const int OverLimitBytes = (4 * 1024 * 1024) + 1;

    private readonly ValidBodyBuilder _bodies = new(seed);

    public IEnumerable<FuzzRequest> For(OpenApiOperation operation)
    {
        var path = operation.PathParameters.ToDictionary(p => p.Name, p => seed.ExistingFor(operation.PathTemplate, p.Name), StringComparer.Ordinal);
        var query = operation.QueryParameters.ToDictionary(p => p.Name, ValidQuery, StringComparer.Ordinal);

        foreach (var request in BodyCases(operation, path, query))
        {
            yield return request;
        }

        foreach (var parameter in operation.PathParameters)
        {
            var missing = new Dictionary<string, string>(path, StringComparer.Ordinal) { [parameter.Name] = "fz-missing-" + parameter.Name.ToLowerInvariant() };
            yield return Make(operation, $"path {parameter.Name}: not existing", missing, query);
            foreach (var (label, segment) in Pick(HostileStrings.PathSegments, 3))
            {
                var hostile = new Dictionary<string, string>(path, StringComparer.Ordinal) { [parameter.Name] = segment };
                yield return Make(operation, $"path {parameter.Name}: {label}", hostile, query);
            }
        }

        foreach (var parameter in operation.QueryParameters)
        {
            foreach (var (label, value) in Pick(HostileStrings.QueryValues, 2))
            {
                var junk = new Dictionary<string, string>(query, StringComparer.Ordinal) { [parameter.Name] = value };
                yield return Make(operation, $"query {parameter.Name}: {label}", path, junk);
            }
        }

        var unknown = new Dictionary<string, string>(query, StringComparer.Ordinal) { ["fz%00junk"] = "%3Cx%3E", [Pick(operation.QueryParameters.Select(p => p.Name).DefaultIfEmpty("limit").ToList())] = "1&a=2" };
        yield return Make(operation, "query: unknown and repeated parameters", path, unknown);
    }

    private IEnumerable<FuzzRequest> BodyCases(OpenApiOperation operation, Dictionary<string, string> path, Dictionary<string, string> query)
    {
        if (operation.BodySchema is not { } schema)
        {
            // Operations without a JSON body still get the bodies that break naive readers.
            if (operation.Method is "POST" or "PUT" or "PATCH")
            {
                yield return Make(operation, "no schema: malformed JSON", path, query, Encoding.UTF8.GetBytes("{\"a\": "), "application/json");
                yield return Make(operation, "no schema: binary junk", path, query, RandomBytes(4096), "application/octet-stream");
                yield return Make(operation, "no schema: fake gzip", path, query, [0x1f, 0x8b, 0x08, 0x00, .. RandomBytes(512)], "application/gzip");
                yield return Make(operation, "no schema: fake multipart", path, query, Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nxx"), "multipart/form-data; boundary=b");
                yield return Make(operation, "no schema: lone surrogate JSON", path, query, Encoding.UTF8.GetBytes("{\"x\": \"\\ud800\"}"), "application/json");
            }

            yield break;
        }

        var valid = _bodies.Build(operation, schema, path);
        yield return Json(operation, "baseline: valid-ish body", path, query, valid);

        var properties = schema.TryGetProperty("properties", out var list) ? list.EnumerateObject().ToList() : [];
        foreach (var property in properties)
        {
            var type = OpenApiDocument.TypeOf(property.Value);
            yield return Json(operation, $"body {property.Name}: wrong type", path, query, With(valid, property.Name, WrongType(type)));
            if (random.Next(2) == 0)
            {
                yield return Json(operation, $"body {property.Name}: null", path, query, With(valid, property.Name, null));
            }
            else
            {
                var without = (JsonObject)valid.DeepClone();
                without.Remove(property.Name);
                yield return Json(operation, $"body {property.Name}: missing", path, query, without);
            }

            foreach (var (label, value) in Pick(HostileStrings.Body, type == "string" ? 2 : 1))
            {
                JsonNode hostile = type switch
                {
                    "array" => new JsonArray(value),
                    "object" when property.Value.TryGetProperty("properties", out _) => new JsonObject { ["fz"] = value },
                    "object" => new JsonObject { [value.Length > 100 ? "k" : value] = value },
                    _ => value,
                };
                yield return Json(operation, $"body {property.Name}: {label}", path, query, With(valid, property.Name, hostile));
            }

            if (type is "integer" or "number")
            {
                foreach (var number in Pick(["2147483648", "-2147483649", "1e400", "-1", "0", "1.5", "99999999999999999999999"], 2))
                {
                    yield return Raw(operation, $"body {property.Name}: number {number}", path, query, With(valid, property.Name, 0).ToJsonString().Replace($"\"{property.Name}\":0", $"\"{property.Name}\":{number}", StringComparison.Ordinal));
                }
            }

            // A lone surrogate can only be written as a JSON escape; the serializer would refuse to produce it.
            if (type == "string")
            {
                yield return Raw(operation, $"body {property.Name}: lone surrogate escape", path, query, With(valid, property.Name, "fzsurrogate").ToJsonString().Replace("fzsurrogate", "a\\ud800b", StringComparison.Ordinal));
            }
        }

        var strings = properties.Where(p => OpenApiDocument.TypeOf(p.Value) == "string").Select(p => p.Name).ToList();
        if (strings.Count > 0)
        {
            yield return Json(operation, $"body {strings[0]}: 1 MiB string", path, query, With(valid, strings[0], new string('m', HostileStrings.Mebi)));
            var other = Pick(strings);
            yield return Json(operation, $"body {other}: 40,000 characters", path, query, With(valid, other, new string('h', HostileStrings.Huge)));
        }

        if (properties.Where(p => OpenApiDocument.TypeOf(p.Value) == "array").Select(p => p.Name).FirstOrDefault() is { } array)
        {
            yield return Json(operation, $"body {array}: 100,000 items", path, query, With(valid, array, new JsonArray([.. Enumerable.Range(0, 100_000).Select(i => (JsonNode)$"i{i}")])));
        }

        var extra = (JsonObject)valid.DeepClone();
        extra["fzUnknown\u0000"] = "x";
        yield return Json(operation, "body: unknown property", path, query, extra);
        yield return Raw(operation, "body: malformed JSON", path, query, valid.ToJsonString()[..^1]);
        yield return Raw(operation, "body: trailing garbage", path, query, valid.ToJsonString() + "}{");
        yield return Raw(operation, "body: empty", path, query, "");
        yield return Raw(operation, "body: null", path, query, "null");
        yield return Raw(operation, "body: array instead of object", path, query, "[" + valid.ToJsonString() + "]");
        yield return Raw(operation, "body: string instead of object", path, query, "\"fz\"");
        yield return Raw(operation, "body: deep nesting 10,000", path, query, "{\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        yield return Raw(operation, "body: duplicate properties", path, query, valid.ToJsonString().TrimEnd('}') + (valid.Count > 0 ? "," : "") + string.Join(',', valid.Select(p => $"\"{p.Key}\":123")) + "}");
        yield return Raw(operation, "body: invalid UTF-8", path, query, [.. Encoding.UTF8.GetBytes("{\"name\": \"a"), 0xff, 0xfe, .. Encoding.UTF8.GetBytes("\"}")], "application/json");
        yield return Raw(operation, "body: raw NUL in JSON", path, query, "{\"name\": \"a\u0000b\"}");
        yield return Make(operation, "content type: text/plain", path, query, Encoding.UTF8.GetBytes(valid.ToJsonString()), "text/plain");
        yield return Make(operation, "content type: application/xml", path, query, Encoding.UTF8.GetBytes("<a>1</a>"), "application/xml");
        yield return Make(operation, "content type: form", path, query, Encoding.UTF8.GetBytes("name=fz&x=%00"), "application/x-www-form-urlencoded");
        yield return Make(operation, "content type: none", path, query, Encoding.UTF8.GetBytes(valid.ToJsonString()), null);
        yield return Make(operation, "content type: json with bogus charset", path, query, Encoding.UTF8.GetBytes(valid.ToJsonString()), "application/json; charset=fz-bogus");
        yield return Make(operation, "body: over the 4 MiB limit", path, query, new byte[OverLimitBytes], "application/json");
    }

    private static JsonNode WrongType(string type) => type switch
    {
        "string" => 12345,
        "integer" or "number" => "not-a-number",
        "boolean" => "yes",
        "array" => "not-an-array",
        "object" => new JsonArray(1, 2),
        _ => new JsonObject { ["unexpected"] = true },
    };

    private static JsonObject With(JsonObject body, string name, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[name] = value;
        return copy;
    }

    private static string ValidQuery(OpenApiParameter parameter) => (parameter.Name, parameter.Type) switch
    {
        // follow=true streams until the client hangs up, and wait=N holds an app operation open: never ask for either.
        ("follow", _) => "false",
        ("wait", _) => "0",
        ("limit" or "lines" or "pageSize", _) => "10",
        (_, "integer") => "1",
        (_, "boolean") => "false",
        _ => "fz",
    };

    private FuzzRequest Json(OpenApiOperation operation, string mutation, Dictionary<string, string> path, Dictionary<string, string> query, JsonNode body) =>
        Raw(operation, mutation, path, query, body.ToJsonString());

    private FuzzRequest Raw(OpenApiOperation operation, string mutation, Dictionary<string, string> path, Dictionary<string, string> query, string body) =>
        Raw(operation, mutation, path, query, Encoding.UTF8.GetBytes(body), "application/json");

    private FuzzRequest Raw(OpenApiOperation operation, string mutation, Dictionary<string, string> path, Dictionary<string, string> query, byte[] body, string contentType) =>
        Make(operation, mutation, path, query, body, contentType);

    private static FuzzRequest Make(OpenApiOperation operation, string mutation, Dictionary<string, string> path, Dictionary<string, string> query, byte[]? body = null, string? contentType = null)
    {
        var target = new StringBuilder();
        foreach (var segment in operation.PathTemplate.Split('/'))
        {
            if (segment.Length > 0)
            {
                target.Append('/').Append(segment.StartsWith('{') ? Encode(path[segment[1..^1]]) : segment);
            }
        }

        if (query.Count > 0)
        {
            target.Append('?').AppendJoin('&', query.Select(q => $"{q.Key}={q.Value}"));
        }

        return new FuzzRequest(operation, mutation, operation.Method, target.ToString(), body, contentType);
    }

    // Seed values are plain names; hostile segments come percent-encoded already and are sent as they are.
    private static string Encode(string value) => value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value).Replace("%2E", ".", StringComparison.Ordinal);

    private IEnumerable<T> Pick<T>(IReadOnlyList<T> items, int count) =>
        Enumerable.Range(0, count).Select(_ => items[random.Next(items.Count)]).Distinct();

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
