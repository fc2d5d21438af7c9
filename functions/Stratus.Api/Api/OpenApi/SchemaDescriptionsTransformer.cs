using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Stratus.Api.Api.OpenApi;

/// <summary>
/// Schema details the framework leaves out: a type's <see cref="DescriptionAttribute"/> as its description, and plain
/// numbers where the framework writes <c>["integer", "string"]</c> with a digits pattern (it reads numbers from strings
/// too, but a client should send numbers; a union makes generated clients wrap every count in a composed type).
/// </summary>
internal sealed class SchemaDescriptionsTransformer : IOpenApiSchemaTransformer
{
    private const JsonSchemaType Numbers = JsonSchemaType.Integer | JsonSchemaType.Number;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & Numbers) != 0 && (type & JsonSchemaType.String) != 0 && schema.Pattern is not null)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (context.JsonPropertyInfo is null && string.IsNullOrEmpty(schema.Description)
            && context.JsonTypeInfo.Type.GetCustomAttribute<DescriptionAttribute>() is { } description)
        {
            schema.Description = description.Description;
        }

        return Task.CompletedTask;
    }
}
