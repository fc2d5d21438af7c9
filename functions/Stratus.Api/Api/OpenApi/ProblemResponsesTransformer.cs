using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Stratus.Api.Api.OpenApi;

/// <summary>
/// Every error response an operation declares is an RFC 7807 problem: the transformer gives each one the named
/// <c>ProblemDetails</c> schema under <c>application/problem+json</c> (also where an endpoint declared only the status)
/// and a description that says what the status means, so clients generate typed errors for all of them.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ProblemSchemaId = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (!int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) || code < 400 || response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Description = $"{ReasonPhrases.GetReasonPhrase(code)}: {Meaning(code)} The body is a problem whose `detail` says what to fix.";
            concrete.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            // Only the problem form: the framework lists application/json too for ProblemDetails-typed metadata.
            concrete.Content.Remove("application/json");
            if (!concrete.Content.TryGetValue(ProblemJson, out var media) || media.Schema is null)
            {
                concrete.Content[ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchemaId, context.Document) };
            }
        }

        return Task.CompletedTask;
    }

    private static string Meaning(int status) => status switch
    {
        400 => "a parameter or body field is invalid; `field` and `errors` name it where they can.",
        401 => "no credentials, or credentials that are unknown, expired or revoked.",
        403 => "the caller lacks the permission this operation requires.",
        404 => "something the path names does not exist.",
        409 => "the request conflicts with what exists (a duplicate name, a state the resource is not in).",
        412 => "a precondition (If-Match, a version) no longer holds.",
        413 => "the body is over its limit.",
        415 => "the body's content type is not one this operation takes.",
        423 => "the resource is locked by someone else.",
        429 => "too many failed attempts; `Retry-After` says when to try again.",
        503 => "a component the operation needs is not available; try again later.",
        _ => "the request failed.",
    };
}
