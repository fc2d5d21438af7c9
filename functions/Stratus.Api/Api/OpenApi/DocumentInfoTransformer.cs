using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Stratus.Api.Identity;

namespace Stratus.Api.Api.OpenApi;

/// <summary>
/// The document-wide parts of the API description: title, description, licence, servers without a trailing slash, the
/// tags the operations use (described from <see cref="ApiTags"/>) and the security schemes callers authenticate with
/// (OpenID Connect only where it is configured). Operations pick their schemes in <see cref="AccessSecurityTransformer"/>.
/// </summary>
internal sealed class DocumentInfoTransformer(IOptions<IdentityOptions> identity) : IOpenApiDocumentTransformer
{
    public const string LicenseName = "Proprietary";

    // An SPDX expression (OpenAPI 3.1's license.identifier); LicenseRef- is SPDX's form for a licence of one's own.
    public const string LicenseIdentifier = "LicenseRef-Stratus-Proprietary";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Stratus API";
        document.Info.Description = "Apps (build, push, deploy, route) and infrastructure (workspaces, plan/approve/apply) on Azure Functions. "
            + "Send a Stratus API token as `Authorization: Bearer <token>`; every error is an RFC 7807 problem (`application/problem+json`) whose `detail` says what to fix.";
        document.Info.License = new OpenApiLicense { Name = LicenseName, Identifier = LicenseIdentifier };

        foreach (var server in document.Servers ?? [])
        {
            // The server is the request's own base URL ("http://host/"); a trailing slash doubles every path's first one.
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Tags = Tags(document);
        AddSecuritySchemes(document, identity.Value.Oidc);
        ComponentSchemaDescriber.Describe(document);
        return Task.CompletedTask;
    }

    // Only the tags operations use, in the order they first appear; a tag missing from ApiTags stays undescribed, which
    // the lint test reports by name.
    private static HashSet<OpenApiTag> Tags(OpenApiDocument document)
    {
        var names = (document.Paths ?? [])
            .SelectMany(path => path.Value.Operations ?? [])
            .SelectMany(operation => operation.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        return [.. names.Select(name => new OpenApiTag
        {
            Name = name,
            Description = ApiTags.Descriptions.TryGetValue(name, out var description) ? description : null,
        })];
    }

    private static void AddSecuritySchemes(OpenApiDocument document, OidcOptions oidc)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        var schemes = document.Components.SecuritySchemes;
        schemes[SecuritySchemeNames.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "Stratus API token",
            Description = "A Stratus API token (`stratus_pat_…` for a user, `stratus_team_…` for a team), from `POST /api/v1/auth/login`, `POST /api/v1/tokens` or the bootstrap admin.",
        };
        schemes[SecuritySchemeNames.Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "HTTP Basic with any user name and a Stratus API token as the password: what terraform's http state backend sends (`TF_HTTP_PASSWORD`).",
        };
        if (oidc.Enabled)
        {
            var metadata = oidc.MetadataAddress ?? oidc.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
            schemes[SecuritySchemeNames.OpenIdConnect] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(metadata, UriKind.Absolute),
                Description = $"An access token from the identity provider for audience `{oidc.Audience}`, as `Authorization: Bearer <JWT>`.",
            };
        }
    }
}
