using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Stratus.Api.Identity;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Api.OpenApi;

/// <summary>
/// Each operation's <c>security</c>, read from the access declaration its endpoint carries, so an endpoint added later
/// is described right without edits here: public endpoints get <c>security: []</c> and say why; the others take a
/// bearer token (or the identity provider's JWT where OIDC is configured), and HTTP Basic where the endpoint accepts it
/// (<see cref="BasicCredentialsAccepted"/>). The permission an endpoint requires is added to its description.
/// </summary>
internal sealed class AccessSecurityTransformer(IOptions<IdentityOptions> identity) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        switch (metadata.OfType<EndpointAccess>().LastOrDefault())
        {
            case PublicAccess open:
                operation.Security = [];
                Describe(operation, $"Public: no credentials needed ({open.Reason}).");
                return Task.CompletedTask;
            case RequiredPermission permission:
                Describe(operation, $"Requires the `{permission.Permission}` permission on {ScopeText(permission)}.");
                break;
            case AuthenticatedAccess:
                Describe(operation, "Any signed-in caller; it acts on the caller's own things.");
                break;
            default:
                // EndpointAccessValidator refuses to start without a declaration; nothing to describe.
                return Task.CompletedTask;
        }

        operation.Security = [.. Schemes(metadata, context.Document).Select(scheme => new OpenApiSecurityRequirement { [scheme] = [] })];
        return Task.CompletedTask;
    }

    private IEnumerable<OpenApiSecuritySchemeReference> Schemes(IList<object> metadata, OpenApiDocument? document)
    {
        yield return new OpenApiSecuritySchemeReference(SecuritySchemeNames.Bearer, document);
        if (identity.Value.Oidc.Enabled)
        {
            yield return new OpenApiSecuritySchemeReference(SecuritySchemeNames.OpenIdConnect, document);
        }

        if (metadata.OfType<BasicCredentialsAccepted>().Any())
        {
            yield return new OpenApiSecuritySchemeReference(SecuritySchemeNames.Basic, document);
        }
    }

    private static string ScopeText(RequiredPermission permission) => permission.ScopeKind == ScopeKind.Global
        ? "the global scope"
        : $"the {permission.ScopeKind.ToString().ToLowerInvariant()} the path names ({string.Join('/', permission.RouteValues.Select(v => "{" + v + "}"))})";

    private static void Describe(OpenApiOperation operation, string text) =>
        operation.Description = string.IsNullOrEmpty(operation.Description) ? text : operation.Description + "\n\n" + text;
}
