using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Api.Infra.Tfe;

/// <summary>JSON:API documents as go-tfe reads and writes them: <c>data</c> with <c>type</c>, <c>id</c>, <c>attributes</c> and <c>relationships</c>.</summary>
internal static class TfeJson
{
    public const string ContentType = "application/vnd.api+json";

    /// <summary>Requests are small JSON:API documents; a state version's base64 state is the one large body, and it has a limit of its own.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IResult Document(JsonNode data, int statusCode = StatusCodes.Status200OK, JsonObject? meta = null)
    {
        var document = new JsonObject { ["data"] = data };
        if (meta is not null)
        {
            document["meta"] = meta;
        }

        return TypedResults.Text(document.ToJsonString(), ContentType, Encoding.UTF8, statusCode);
    }

    /// <summary>A list with the pagination go-tfe's list calls read (always one page here).</summary>
    public static IResult List(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        var pagination = new JsonObject
        {
            ["current-page"] = 1,
            ["prev-page"] = null,
            ["next-page"] = null,
            ["total-pages"] = 1,
            ["total-count"] = array.Count,
        };
        return Document(array, meta: new JsonObject { ["pagination"] = pagination });
    }

    public static JsonObject Resource(string type, string id, JsonObject attributes, JsonObject? relationships = null)
    {
        var resource = new JsonObject { ["id"] = id, ["type"] = type, ["attributes"] = attributes };
        if (relationships is not null)
        {
            resource["relationships"] = relationships;
        }

        return resource;
    }

    public static JsonObject Relation(string type, string? id) =>
        new() { ["data"] = id is null ? null : new JsonObject { ["id"] = id, ["type"] = type } };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a request's JSON:API <c>data</c> object of <paramref name="type"/>.</summary>
    /// <returns>The data element, or the problem that names what to fix.</returns>
    public static async Task<(JsonElement Data, IResult? Problem)> ReadDataAsync(HttpRequest request, string type, CancellationToken cancellationToken, long maxBytes = MaxBodyBytes)
    {
        var example = "{\"data\": {\"type\": \"" + type + "\", \"attributes\": {…}}}";
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (default, TfeProblems.Invalid("/", $"The request body is larger than {maxBytes} bytes."));
            }
        }

        if (buffer.Length == 0)
        {
            return (default, TfeProblems.Invalid("/", $"The request body is empty. Send a JSON:API document: {example}"));
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Object)
            {
                return (default, TfeProblems.Invalid("/data", $"The body must be a JSON:API document with a \"data\" object: {example}"));
            }

            if (!data.TryGetProperty("type", out var actual) || actual.ValueKind != JsonValueKind.String || actual.GetString() != type)
            {
                return (default, TfeProblems.Invalid("/data/type", $"\"data.type\" must be \"{type}\"."));
            }

            if (data.TryGetProperty("attributes", out var attributes) && attributes.ValueKind != JsonValueKind.Object)
            {
                return (default, TfeProblems.Invalid("/data/attributes", "\"data.attributes\" must be an object."));
            }

            return (data.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, TfeProblems.Invalid("/", $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {ex.BytePositionInLine ?? 0}): {example}"));
        }
    }

    /// <summary>An attribute of a request's data, or <c>null</c> when it is absent or JSON null.</summary>
    public static JsonElement? Attribute(JsonElement data, string name) =>
        data.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The id of a to-one relationship of a request's data, or <c>null</c>.</summary>
    public static string? RelationshipId(JsonElement data, string name) =>
        data.TryGetProperty("relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Object
        && relationships.TryGetProperty(name, out var relation) && relation.ValueKind == JsonValueKind.Object
        && relation.TryGetProperty("data", out var target) && target.ValueKind == JsonValueKind.Object
        && target.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
