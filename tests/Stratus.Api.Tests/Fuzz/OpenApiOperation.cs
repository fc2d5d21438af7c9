using System.Text.Json;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document, with its parameters and the JSON schema of its body (refs resolved).</summary>
internal sealed record OpenApiOperation(
    string Method,
    string PathTemplate,
    IReadOnlyList<OpenApiParameter> Parameters,
    JsonElement? BodySchema)
{
    public string Name => $"{Method} {PathTemplate}";

    public IEnumerable<OpenApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public IEnumerable<OpenApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");
}

/// <summary>A path or query parameter: its name and the schema's type ("string", "integer", "boolean", "array").</summary>
internal sealed record OpenApiParameter(string Name, string In, string Type);
