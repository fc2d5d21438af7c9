using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace Stratus.Api.Api.OpenApi;

/// <summary>
/// Gives every named schema a description: the shared ones (problems, pages, raw JSON) are described here; a request or
/// response record without a <c>[Description]</c> is described from its name, so a schema added later is never bare.
/// </summary>
internal static partial class ComponentSchemaDescriber
{
    private const string PagePrefix = "PageResponseOf";

    public static void Describe(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is not OpenApiSchema concrete)
            {
                continue;
            }

            if (name == ProblemResponsesTransformer.ProblemSchemaId)
            {
                DescribeProblem(concrete);
            }

            if (string.IsNullOrEmpty(concrete.Description))
            {
                concrete.Description = FromName(name);
            }
        }
    }

    internal static string FromName(string name) => name switch
    {
        "JsonElement" or "JsonNode" => "Any JSON value, passed through as sent.",
        "JsonObject" => "Any JSON object, passed through as sent.",
        _ when name.StartsWith(PagePrefix, StringComparison.Ordinal) =>
            $"One page of {Words(name[PagePrefix.Length..])} items: `items`, and `continuation` to pass for the next page (null on the last).",
        _ when name.EndsWith("Request", StringComparison.Ordinal) && name.Length > "Request".Length =>
            $"The request body: {Words(name[..^"Request".Length])}.",
        _ when name.EndsWith("Response", StringComparison.Ordinal) && name.Length > "Response".Length =>
            $"As the API answers it: {Words(name[..^"Response".Length])}.",
        _ => $"{Capitalized(Words(name))}.",
    };

    private static void DescribeProblem(OpenApiSchema problem)
    {
        problem.Description = "An RFC 7807 problem, the body of every error (`application/problem+json`): `title` names the problem, `detail` says what to fix, `requestId` matches the X-Request-Id header and the server's logs.";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        Property(problem, "type", "A URI that identifies the kind of problem.");
        Property(problem, "title", "A short summary of the problem.");
        Property(problem, "status", "The HTTP status code.");
        Property(problem, "detail", "What went wrong with this request and what to change.");
        Property(problem, "instance", "The request path the problem is about.");
        problem.Properties.TryAdd("requestId", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The request's id, as in the X-Request-Id response header." });
        problem.Properties.TryAdd("field", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "For a 400 over a declared limit: the first body field at fault." });
    }

    private static void Property(OpenApiSchema schema, string name, string description)
    {
        if (schema.Properties!.TryGetValue(name, out var property) && property is OpenApiSchema concrete && string.IsNullOrEmpty(concrete.Description))
        {
            concrete.Description = description;
        }
    }

    private static string Words(string pascal) => WordBoundary().Replace(pascal, " $1").Trim().ToLowerInvariant();

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
