using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>
/// Describes the publish request's multipart body in the API document only. <c>.Accepts("multipart/form-data")</c>
/// would also make routing answer 415 to any other content type before the access check runs, so an anonymous caller
/// would learn about the body before being told to sign in.
/// </summary>
internal static class ProviderUploadDescription
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "One file part per zip (terraform-provider-<type>_<version>_<os>_<arch>.zip), optionally goreleaser's _manifest.json, and an optional 'protocols' field.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "The version's zips and protocols.",
                        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                        {
                            [ProviderUploadForm.ProtocolsField] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Comma-separated protocol versions, e.g. 5.0 or 5.0,6.0 (default 5.0)." },
                            ["files"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "The zips (any part name).", Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
