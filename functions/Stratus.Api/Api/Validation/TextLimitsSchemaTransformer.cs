using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Stratus.Api.Api.Validation;

/// <summary>
/// Shows the limits OpenAPI cannot derive itself: the per-entry length of string lists (<see cref="TextListAttribute"/>)
/// and the entry count and value length of string maps (<see cref="TextMapAttribute"/>). Plain <c>[Text]</c> limits
/// need nothing here: OpenAPI reads a <c>StringLengthAttribute</c> as <c>maxLength</c> on its own.
/// </summary>
internal sealed class TextLimitsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not { } property)
        {
            return Task.CompletedTask;
        }

        if (Find<TextListAttribute>(property) is { } list && schema.Items is OpenApiSchema items)
        {
            items.MaxLength = list.ItemMaxLength;
        }

        if (Find<TextMapAttribute>(property) is { } map)
        {
            schema.MaxProperties = map.MaxEntries;
            if (schema.AdditionalProperties is OpenApiSchema values)
            {
                values.MaxLength = map.ValueMaxLength;
            }

            schema.PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = map.KeyMaxLength };
        }

        return Task.CompletedTask;
    }

    // Positional records carry their attributes on the constructor parameter, not the property.
    private static T? Find<T>(JsonPropertyInfo property)
        where T : Attribute =>
        property.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault()
        ?? (property.AssociatedParameter?.AttributeProvider as ICustomAttributeProvider)?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();
}
