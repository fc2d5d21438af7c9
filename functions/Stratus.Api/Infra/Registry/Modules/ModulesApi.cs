using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Stratus.Api.Api;
using Stratus.Api.Api.Validation;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Execution;
using Stratus.Infra.Organizations;
using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>
/// An organization's private registry modules in Stratus's own API: publish versions from a git repository's tags or
/// from an uploaded tar.gz, list modules and versions, delete a version or a module. terraform reads them through
/// <see cref="ModuleRegistryApi"/>.
/// </summary>
internal static class ModulesApi
{
    private const string Example = """{"source": "https://github.com/acme/terraform-azurerm-network.git", "tags": ["v1.2.0"], "description": "Hub and spoke networks"}""";
    private const string Module = "/{name}/{system}";

    public static RouteGroupBuilder MapModulesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Organization + "/modules").WithTags("Modules")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListModules)
            .WithName("ListModules")
            .WithSummary("An organization's private registry modules, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "organization");
        group.MapGet(Module, GetModule)
            .WithName("GetModule")
            .WithSummary("A module with its newest version.")
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "organization");
        group.MapDelete(Module, DeleteModule)
            .WithName("DeleteModule")
            .WithSummary("Removes a module, every version and its archives.")
            .RequirePermission(PermissionNames.ModuleManage, ScopeKind.Organization, "organization");
        group.MapGet(Module + "/versions", ListModuleVersions)
            .WithName("ListModuleVersions")
            .WithSummary("A module's versions, newest first, with where each came from.")
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "organization");
        group.MapPost(Module + "/versions", PublishModuleFromGit)
            .WithName("PublishModuleFromGit")
            .WithSummary("Publishes versions from a git repository's tags: those named in 'tags', or every semver tag not yet published.")
            .Accepts<PublishModuleRequest>("application/json")
            .Produces<PublishModuleResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.ModuleManage, ScopeKind.Organization, "organization");
        group.MapPut(Module + "/versions/{version}", UploadModuleVersion)
            .WithName("UploadModuleVersion")
            .WithSummary("Publishes one version from an uploaded tar.gz of the module's folder; ?description= sets the module's description.")
            .Produces<PublishModuleResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new ModuleArchiveSizeLimit())
            .RequirePermission(PermissionNames.ModuleManage, ScopeKind.Organization, "organization");
        group.MapDelete(Module + "/versions/{version}", DeleteModuleVersion)
            .WithName("DeleteModuleVersion")
            .WithSummary("Removes one version and its archive; the module goes with its last version.")
            .RequirePermission(PermissionNames.ModuleManage, ScopeKind.Organization, "organization");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<ModuleResponse>>, ProblemHttpResult>> ListModules(
        string organization, IOrganizationLookup organizations, ModuleStore modules, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => modules.ListModulesAsync(organization, size, continuation, cancellationToken),
            ModuleResponse.From,
            async () => !await organizations.OrganizationExistsAsync(organization, cancellationToken) ? InfraProblems.NoOrganization(organization) : null);

    internal static async Task<Results<Ok<ModuleResponse>, ProblemHttpResult>> GetModule(
        string organization, string name, string system, ModuleStore modules, CancellationToken cancellationToken) =>
        ModuleRoute.IsValid(name, system) && await modules.GetModuleAsync(organization, name, system, cancellationToken) is { } module
            ? TypedResults.Ok(ModuleResponse.From(module))
            : NoModule(organization, name, system);

    internal static async Task<Results<Ok<PageResponse<ModuleVersionResponse>>, ProblemHttpResult>> ListModuleVersions(
        string organization, string name, string system, ModuleStore modules, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoModule(organization, name, system);
        }

        var versions = await modules.ListVersionsAsync(organization, name, system, cancellationToken);
        return versions.Count == 0
            ? NoModule(organization, name, system)
            : TypedResults.Ok(new PageResponse<ModuleVersionResponse>(versions.Select(ModuleVersionResponse.From).ToList(), null));
    }

    internal static async Task<Results<Created<PublishModuleResponse>, Ok<PublishModuleResponse>, ProblemHttpResult>> PublishModuleFromGit(
        string organization, string name, string system, HttpContext context, IOrganizationLookup organizations, ModulePublisher publisher, ModuleStore modules,
        IOptions<InfraOptions> options, CancellationToken cancellationToken)
    {
        if (ModuleRoute.Problem(name, system) is { } badAddress)
        {
            return ApiProblems.Invalid(badAddress);
        }

        var (body, problem) = await JsonRequestBody.ReadAsync<PublishModuleRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (SourceProblem(body!.Source, options.Value.AllowFileGitSources) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        if (body.Tags is { Count: 0 })
        {
            return ApiProblems.Invalid("'tags' is empty: name the tags to publish, or leave 'tags' out to publish every semver tag not yet published.");
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var module = new ModuleAddress(organization, name, system);
        var result = await publisher.PublishGitAsync(module, new GitModuleSource(body.Source!, body.Folder, body.Tags), body.Description, context.GetCaller().Describe(), cancellationToken);
        return await AnswerAsync(module, result, modules, cancellationToken);
    }

    internal static async Task<Results<Created<PublishModuleResponse>, Ok<PublishModuleResponse>, ProblemHttpResult>> UploadModuleVersion(
        string organization, string name, string system, string version, string? description, HttpContext context, IOrganizationLookup organizations,
        ModulePublisher publisher, ModuleStore modules, CancellationToken cancellationToken)
    {
        if (ModuleRoute.Problem(name, system) is { } badAddress)
        {
            return ApiProblems.Invalid(badAddress);
        }

        if (ModuleVersionNumber.Problem(version, "version") is { } badVersion)
        {
            return ApiProblems.Invalid(badVersion);
        }

        if (description is { Length: > InputLimits.Description })
        {
            return ApiProblems.Invalid($"?description= has {description.Length} characters; at most {InputLimits.Description} are allowed. Shorten it.");
        }

        if (description is not null && ControlCharacters.Find(description, TextKind.MultiLine) is var at and >= 0)
        {
            return ApiProblems.Invalid($"?description= holds {ControlCharacters.Describe(description, at)}; only text, line breaks and tabs are allowed.");
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var module = new ModuleAddress(organization, name, system);
        var result = await publisher.PublishArchiveAsync(module, version, context.Request.Body, description, context.GetCaller().Describe(), cancellationToken);
        return await AnswerAsync(module, result, modules, cancellationToken);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteModuleVersion(
        string organization, string name, string system, string version, ModuleStore modules, ModulePublisher publisher, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoModule(organization, name, system);
        }

        if (ModuleVersionNumber.Normalize(version) != version
            || await modules.DeleteVersionAsync(organization, name, system, version, cancellationToken) is not { } removed)
        {
            return ApiProblems.NotFound($"Module {organization}/{name}/{system} has no version '{(version.Length > 80 ? version[..80] + "…" : version)}'.");
        }

        await publisher.DeleteArchivesAsync([removed], cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteModule(
        string organization, string name, string system, ModuleStore modules, ModulePublisher publisher, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoModule(organization, name, system);
        }

        if (await modules.DeleteModuleAsync(organization, name, system, cancellationToken) is not { } removed)
        {
            return NoModule(organization, name, system);
        }

        await publisher.DeleteArchivesAsync(removed, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<PublishModuleResponse>, Ok<PublishModuleResponse>, ProblemHttpResult>> AnswerAsync(
        ModuleAddress module, ModulePublishResult result, ModuleStore modules, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case ModulePublishOutcome.Invalid:
                return ApiProblems.Invalid(result.Problem!);
            case ModulePublishOutcome.Conflict:
                return ApiProblems.Conflict(result.Problem!);
        }

        var stored = await modules.GetModuleAsync(module.Organization, module.Name, module.System, cancellationToken);
        if (stored is null)
        {
            return NoModule(module.Organization, module.Name, module.System);
        }

        var response = new PublishModuleResponse(ModuleResponse.From(stored), result.Published.Select(ModuleVersionResponse.From).ToList(), result.AlreadyPublished, result.IgnoredTags);
        return result.Published.Count == 0
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/v1/organizations/{module.Organization}/modules/{module.Name}/{module.System}/versions", response);
    }

    /// <summary>Which git URLs a publish may name: those the git runner accepts, and file:// only where the host allows it.</summary>
    private static string? SourceProblem(string? source, bool allowFileSources)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return "Name the git repository in 'source' (https://…, ssh://… or git@host:path); to publish an archive, PUT it to …/versions/{version} instead.";
        }

        if (GitSource.UrlProblem(source) is { } problem)
        {
            return $"source: {problem}";
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !allowFileSources)
        {
            return "source: file:// repositories are off on this server (Stratus:Infra:AllowFileGitSources); use https://, ssh:// or git@host:path.";
        }

        return Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Contains(':', StringComparison.Ordinal)
            ? "source must not carry a password: published modules record their source, so use a repository the server can read without one."
            : null;
    }

    private static ProblemHttpResult NoModule(string organization, string name, string system) =>
        ApiProblems.NotFound($"Organization '{organization}' has no module {name}/{system}.");
}
