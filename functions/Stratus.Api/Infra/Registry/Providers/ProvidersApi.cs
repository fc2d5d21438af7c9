using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Organizations;
using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>
/// Managing an organization's private providers: publish a version from its zips (Stratus writes and signs SHA256SUMS),
/// list providers and versions, delete. terraform installs them through <see cref="ProviderRegistryProtocolApi"/>.
/// </summary>
internal static class ProvidersApi
{
    private const string Tag = "Providers";
    private const string TypeRoute = "/{type}";
    private const string VersionRoute = TypeRoute + "/versions/{version}";

    public static RouteGroupBuilder MapProvidersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Organization + "/providers").WithTags(Tag);
        group.MapGet("/", ListProviders)
            .WithName("ListProviders")
            .WithSummary("An organization's private providers, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderRead, ScopeKind.Organization, "organization");
        group.MapGet(TypeRoute + "/versions", ListVersions)
            .WithName("ListProviderVersions")
            .WithSummary("A provider's versions, newest first, with their platforms and checksums.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderRead, ScopeKind.Organization, "organization");
        group.MapPost(TypeRoute + "/versions", PublishVersion)
            .WithName("PublishProviderVersion")
            .WithSummary("Publishes a version from multipart zips named terraform-provider-<type>_<version>_<os>_<arch>.zip (plus an optional 'protocols' field or goreleaser manifest); Stratus signs its SHA256SUMS.")
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new ProviderUploadSizeLimit())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequirePermission(PermissionNames.ProviderManage, ScopeKind.Organization, "organization");
        group.MapGet(VersionRoute, GetVersion)
            .WithName("GetProviderVersion")
            .WithSummary("One provider version with its platforms and checksums.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderRead, ScopeKind.Organization, "organization");
        group.MapDelete(VersionRoute, DeleteVersion)
            .WithName("DeleteProviderVersion")
            .WithSummary("Removes a provider version and its files; lock files that pinned it fail their next init.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderManage, ScopeKind.Organization, "organization");
        group.MapDelete(TypeRoute, DeleteProvider)
            .WithName("DeleteProvider")
            .WithSummary("Removes a provider with every version.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderManage, ScopeKind.Organization, "organization");
        api.MapGet(InfraRoutes.Organization + "/provider-signing-key", GetSigningKey)
            .WithTags(Tag)
            .WithName("GetProviderSigningKey")
            .WithSummary("The public OpenPGP key the organization's provider checksums are signed with (made on the first publish).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderRead, ScopeKind.Organization, "organization");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<ProviderResponse>>, ProblemHttpResult>> ListProviders(
        string organization, IOrganizationLookup organizations, ProviderRegistryStore providers, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => providers.ListAsync(organization, size, continuation, cancellationToken),
            ProviderResponse.From,
            async () => !await organizations.OrganizationExistsAsync(organization, cancellationToken) ? InfraProblems.NoOrganization(organization) : null);

    internal static async Task<Results<Ok<IReadOnlyList<ProviderVersionResponse>>, ProblemHttpResult>> ListVersions(
        string organization, string type, ProviderRegistryStore providers, CancellationToken cancellationToken)
    {
        if (ProviderNames.TypeProblem(type) is not null || await providers.GetAsync(organization, type, cancellationToken) is null)
        {
            return NoProvider(organization, type);
        }

        var versions = await providers.ListVersionsAsync(organization, type, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ProviderVersionResponse>>(versions.Select(ProviderVersionResponse.From).ToList());
    }

    internal static async Task<Results<Created<ProviderVersionResponse>, ProblemHttpResult>> PublishVersion(
        string organization, string type, HttpContext context, IOrganizationLookup organizations, ProviderRegistryStore providers, CancellationToken cancellationToken)
    {
        if (ProviderNames.TypeProblem(type) is { } typeProblem)
        {
            return ApiProblems.Invalid(typeProblem);
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var (form, formProblem) = await MultipartFormBody.ReadAsync(context.Request, cancellationToken);
        if (form is null)
        {
            return ApiProblems.Invalid(formProblem!);
        }

        try
        {
            var (packages, protocols) = await ProviderUploadForm.ReadAsync(form, cancellationToken);
            var version = await providers.PublishAsync(organization, type, packages, protocols, context.GetCaller().Describe(), ProviderPackageLimits.Default, cancellationToken);
            return TypedResults.Created($"{ApiEndpointRouteBuilderExtensions.ApiPrefix}/organizations/{organization}/providers/{type}/versions/{version.Version}", ProviderVersionResponse.From(version));
        }
        catch (ProviderPublishException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
        catch (ProviderVersionConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    internal static async Task<Results<Ok<ProviderVersionResponse>, ProblemHttpResult>> GetVersion(
        string organization, string type, string version, ProviderRegistryStore providers, CancellationToken cancellationToken) =>
        ProviderNames.TypeProblem(type) is null && ProviderNames.VersionProblem(version) is null
            && await providers.GetVersionAsync(organization, type, version, cancellationToken) is { } found
            ? TypedResults.Ok(ProviderVersionResponse.From(found))
            : NoVersion(organization, type, version);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteVersion(
        string organization, string type, string version, ProviderRegistryStore providers, CancellationToken cancellationToken) =>
        ProviderNames.TypeProblem(type) is null && ProviderNames.VersionProblem(version) is null
            && await providers.DeleteVersionAsync(organization, type, version, cancellationToken)
            ? TypedResults.NoContent()
            : NoVersion(organization, type, version);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteProvider(
        string organization, string type, ProviderRegistryStore providers, CancellationToken cancellationToken) =>
        ProviderNames.TypeProblem(type) is null && await providers.DeleteAsync(organization, type, cancellationToken)
            ? TypedResults.NoContent()
            : NoProvider(organization, type);

    internal static async Task<Results<Ok<ProviderSigningKeyResponse>, ProblemHttpResult>> GetSigningKey(
        string organization, ProviderSigningKeyStore keys, CancellationToken cancellationToken) =>
        await keys.FindAsync(organization, cancellationToken) is { } key
            ? TypedResults.Ok(ProviderSigningKeyResponse.From(organization, key))
            : ApiProblems.NotFound($"Organization '{organization}' has no provider signing key yet; Stratus makes it when the organization's first provider version is published.");

    private static ProblemHttpResult NoProvider(string organization, string type) =>
        ApiProblems.NotFound($"Organization '{organization}' has no provider '{type}'. Publish one with POST …/providers/{type}/versions or 'stratus provider publish'.");

    private static ProblemHttpResult NoVersion(string organization, string type, string version) =>
        ApiProblems.NotFound($"Provider {organization}/{type} has no version '{version}'.");
}
