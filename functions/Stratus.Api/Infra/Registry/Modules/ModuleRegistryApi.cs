using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Registry.Modules;
using Stratus.Storage;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>
/// The module registry protocol (<c>modules.v1</c>) that terraform speaks after service discovery, plus the public
/// registry's list, search and module views. The namespace is the Stratus organization; terraform sends the token of
/// its CLI configuration as a bearer token, so every call needs <c>module.read</c> on the organization. The archive
/// itself is fetched by go-getter without credentials, through a short-lived signed link.
/// </summary>
internal static class ModuleRegistryApi
{
    public const string BasePath = "/api/registry/modules/v1";
    private const string Tag = "Module registry";
    // Name and system are checked by the handlers (a 404 before any storage read), not by route constraints, so a
    // malformed address still meets the access check first and answers 401/403 like any other.
    private const string Module = "/{namespace:" + InfraNameRouteConstraint.Name + "}/{name}/{system}";
    private const int DefaultLimit = 15;
    private const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapModuleRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath).WithTags(Tag);
        group.MapGet("/", ListAll)
            .WithName("RegistryListModules")
            .WithSummary("Every module the caller may read, paged by offset (the public registry's list).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapGet("/search", Search)
            .WithName("RegistrySearchModules")
            .WithSummary("Modules the caller may read whose namespace, name or description contains ?q= (the public registry's search).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapGet("/{namespace:" + InfraNameRouteConstraint.Name + "}", ListNamespace)
            .WithName("RegistryListNamespaceModules")
            .WithSummary("An organization's modules, paged by offset.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "namespace");
        group.MapGet(Module, GetLatest)
            .WithName("RegistryGetModule")
            .WithSummary("A module at its newest version, with every version.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "namespace");
        group.MapGet(Module + "/versions", ListVersions)
            .WithName("RegistryListModuleVersions")
            .WithSummary("The module registry protocol's list of available versions.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "namespace");
        group.MapGet(Module + "/download", DownloadLatest)
            .WithName("RegistryDownloadLatestModule")
            .WithSummary("Redirects to the newest version's download.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "namespace");
        group.MapGet(Module + "/{version}", GetVersion)
            .WithName("RegistryGetModuleVersion")
            .WithSummary("A module at one version.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "namespace");
        group.MapGet(Module + "/{version}/download", Download)
            .WithName("RegistryDownloadModuleVersion")
            .WithSummary("The module registry protocol's download: 204 with X-Terraform-Get, a signed link to the archive that works for a few minutes.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ModuleRead, ScopeKind.Organization, "namespace");
        group.MapGet("/archives" + Module + "/{version}/module.tar.gz", DownloadArchive)
            .WithName("RegistryDownloadModuleArchive")
            .WithSummary("A module version's tar.gz, for the signed link the download answered (go-getter sends no credentials).")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .AllowPublicAccess("go-getter fetches X-Terraform-Get links without credentials; the link's HMAC signature and expiry are checked instead");
        return endpoints;
    }

    internal static Task<Results<Ok<RegistryModuleListResponse>, ProblemHttpResult>> ListAll(
        HttpContext context, ModuleRegistryCatalog catalog, int? offset, int? limit, string? provider, CancellationToken cancellationToken) =>
        PageAsync(context, offset, limit, provider, () => catalog.ReadableModulesAsync(context.GetCaller(), cancellationToken));

    internal static Task<Results<Ok<RegistryModuleListResponse>, ProblemHttpResult>> Search(
        HttpContext context, ModuleRegistryCatalog catalog, string? q, int? offset, int? limit, string? provider, string? @namespace, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            return Task.FromResult<Results<Ok<RegistryModuleListResponse>, ProblemHttpResult>>(
                ApiProblems.Invalid("Send what to look for in ?q= (1–200 characters), e.g. ?q=network."));
        }

        return PageAsync(context, offset, limit, provider, async () =>
        {
            var modules = await catalog.ReadableModulesAsync(context.GetCaller(), cancellationToken);
            return modules.Where(m => (@namespace is null || m.Organization == @namespace) && Matches(m, q.Trim())).ToList();
        });
    }

    internal static async Task<Results<Ok<RegistryModuleListResponse>, ProblemHttpResult>> ListNamespace(
        HttpContext context, string @namespace, ModuleStore store, int? offset, int? limit, string? provider, CancellationToken cancellationToken) =>
        await PageAsync(context, offset, limit, provider, () => store.ListAllModulesAsync(@namespace, cancellationToken));

    internal static async Task<Results<Ok<RegistryModuleResponse>, ProblemHttpResult>> GetLatest(
        string @namespace, string name, string system, ModuleStore store, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoModule(@namespace, name, system);
        }

        var module = await store.GetModuleAsync(@namespace, name, system, cancellationToken);
        var versions = module is null ? [] : await store.ListVersionsAsync(@namespace, name, system, cancellationToken);
        return module is null || versions.Count == 0
            ? NoModule(@namespace, name, system)
            : TypedResults.Ok(RegistryModuleResponse.From(module, versions[0], versions));
    }

    internal static async Task<Results<Ok<RegistryVersionsResponse>, ProblemHttpResult>> ListVersions(
        string @namespace, string name, string system, ModuleStore store, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoModule(@namespace, name, system);
        }

        var versions = await store.ListVersionsAsync(@namespace, name, system, cancellationToken);
        return versions.Count == 0
            ? NoModule(@namespace, name, system)
            : TypedResults.Ok(new RegistryVersionsResponse([new RegistryVersionsModule($"{@namespace}/{name}/{system}", versions.Select(v => new RegistryVersion(v.Version)).ToList())]));
    }

    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> DownloadLatest(
        string @namespace, string name, string system, ModuleStore store, CancellationToken cancellationToken) =>
        ModuleRoute.IsValid(name, system) && await store.GetModuleAsync(@namespace, name, system, cancellationToken) is { } module
            ? TypedResults.Redirect($"{BasePath}/{@namespace}/{name}/{system}/{module.LatestVersion}/download")
            : NoModule(@namespace, name, system);

    internal static async Task<Results<Ok<RegistryModuleResponse>, ProblemHttpResult>> GetVersion(
        string @namespace, string name, string system, string version, ModuleStore store, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoVersion(@namespace, name, system, version);
        }

        var module = await store.GetModuleAsync(@namespace, name, system, cancellationToken);
        var versions = module is null ? [] : await store.ListVersionsAsync(@namespace, name, system, cancellationToken);
        return versions.FirstOrDefault(v => v.Version == version) is { } found
            ? TypedResults.Ok(RegistryModuleResponse.From(module!, found, versions))
            : NoVersion(@namespace, name, system, version);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Download(
        HttpContext context, string @namespace, string name, string system, string version, ModuleStore store, ModuleDownloadSigner signer, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoVersion(@namespace, name, system, version);
        }

        if (ModuleVersionNumber.Normalize(version) != version
            || await store.GetVersionAsync(@namespace, name, system, version, cancellationToken) is null)
        {
            return NoVersion(@namespace, name, system, version);
        }

        // An absolute link: go-getter resolves nothing against the registry's address, and the host may differ from
        // the one terraform's service discovery named (the CLI config's host block).
        var module = new ModuleAddress(@namespace, name, system);
        var request = context.Request;
        context.Response.Headers["X-Terraform-Get"] =
            $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/{ModuleDownloadSigner.ArchivePath(module, version)}{signer.Sign(module, version)}";
        return TypedResults.NoContent();
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadArchive(
        string @namespace, string name, string system, string version, long? expires, string? signature,
        ModuleStore store, ModuleDownloadSigner signer, IStorageAccount storage, CancellationToken cancellationToken)
    {
        if (!ModuleRoute.IsValid(name, system))
        {
            return NoVersion(@namespace, name, system, version);
        }

        var module = new ModuleAddress(@namespace, name, system);
        switch (signer.Check(module, version, expires, signature))
        {
            case DownloadSignatureCheck.Invalid:
                // Worded like a missing archive: an unsigned address names nothing.
                return ApiProblems.NotFound("This download link is not one Stratus signed. Ask the registry for the version's download again (terraform init does).");
            case DownloadSignatureCheck.Expired:
                return TypedResults.Problem("This download link has expired. Ask the registry for the version's download again (terraform init does).",
                    statusCode: StatusCodes.Status410Gone, title: "Link expired");
        }

        if (await store.GetVersionAsync(@namespace, name, system, version, cancellationToken) is not { } found)
        {
            return NoVersion(@namespace, name, system, version);
        }

        try
        {
            var download = await storage.Blobs.GetContainer(ModuleStore.ArchiveContainer).DownloadAsync(found.ArchiveBlob, cancellationToken: cancellationToken);
            return TypedResults.Stream(download.Content, "application/gzip", $"{name}-{system}-{version}.tar.gz");
        }
        catch (ResourceNotFoundException)
        {
            // Deleted between the row read and the download.
            return NoVersion(@namespace, name, system, version);
        }
    }

    private static async Task<Results<Ok<RegistryModuleListResponse>, ProblemHttpResult>> PageAsync(
        HttpContext context, int? offset, int? limit, string? provider, Func<Task<IReadOnlyList<RegistryModule>>> read)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid($"limit must be between 1 and {MaxLimit}; it was {size}.");
        }

        var from = offset ?? 0;
        if (from < 0)
        {
            return ApiProblems.Invalid($"offset must be 0 or more; it was {from}.");
        }

        var modules = (await read())
            .Where(m => provider is null || m.System == provider)
            .OrderBy(m => m.Organization, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.System, StringComparer.Ordinal)
            .ToList();
        var page = modules.Skip(from).Take(size).Select(RegistryModuleResponse.From).ToList();
        int? next = from + size < modules.Count ? from + size : null;
        string? nextUrl = null;
        if (next is { } n)
        {
            var query = QueryString.Create(context.Request.Query
                .Where(q => q.Key is not "offset" and not "limit")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new("offset", n.ToString(CultureInfo.InvariantCulture)))
                .Append(new("limit", size.ToString(CultureInfo.InvariantCulture))));
            nextUrl = context.Request.PathBase + context.Request.Path + query.ToUriComponent();
        }

        return TypedResults.Ok(new RegistryModuleListResponse(new RegistryListMeta(size, from, next, nextUrl), page));
    }

    private static bool Matches(RegistryModule module, string q) =>
        module.Organization.Contains(q, StringComparison.OrdinalIgnoreCase)
        || module.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
        || module.System.Contains(q, StringComparison.OrdinalIgnoreCase)
        || (module.Description?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false);

    private static ProblemHttpResult NoModule(string @namespace, string name, string system) =>
        ApiProblems.NotFound($"There is no module {@namespace}/{name}/{system}. Publish it with POST /api/v1/organizations/{@namespace}/modules/{name}/{system}/versions (or 'stratus module publish').");

    private static ProblemHttpResult NoVersion(string @namespace, string name, string system, string version) =>
        ApiProblems.NotFound($"Module {@namespace}/{name}/{system} has no version '{(version.Length > 80 ? version[..80] + "…" : version)}'. GET …/{@namespace}/{name}/{system}/versions lists the ones it has.");
}
