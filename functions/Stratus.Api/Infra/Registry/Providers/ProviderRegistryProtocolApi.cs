using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>
/// terraform's provider registry protocol (<c>providers.v1</c>), where the namespace is a Stratus organization:
/// versions with their protocols and platforms, and per platform a package with its SHA-256, SHA256SUMS, its detached
/// signature and the organization's public key. terraform sends its credentials for the host to these two endpoints;
/// the files themselves come from short-lived signed links (<see cref="ProviderDownloadLinks"/>).
/// </summary>
internal static class ProviderRegistryProtocolApi
{
    public const string BasePath = "/api/registry/providers/v1";
    private const string Tag = "Provider registry protocol";
    private const string Namespace = "/{namespace:" + InfraNameRouteConstraint.Name + "}";

    public static IEndpointRouteBuilder MapProviderRegistryProtocol(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath).WithTags(Tag);
        group.MapGet(Namespace + "/{type}/versions", ListVersions)
            .WithName("ListProviderRegistryVersions")
            .WithSummary("terraform's provider registry protocol: every version of a provider with its plugin protocols and platforms.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderRead, ScopeKind.Organization, "namespace");
        group.MapGet(Namespace + "/{type}/{version}/download/{os}/{arch}", FindPackage)
            .WithName("FindProviderRegistryPackage")
            .WithSummary("terraform's provider registry protocol: one platform's package, its checksum, signed SHA256SUMS links and the organization's public key.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.ProviderRead, ScopeKind.Organization, "namespace");
        group.MapGet("/files" + Namespace + "/{type}/{version}/{file}", DownloadFile)
            .WithName("DownloadProviderRegistryFile")
            .WithSummary("A provider version's zip, SHA256SUMS or SHA256SUMS.sig, through a link the download endpoint signed.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowPublicAccess("terraform downloads provider files without credentials; each link carries an HMAC over its path and a short expiry");
        return endpoints;
    }

    internal static async Task<Results<Ok<ProviderVersionsResponse>, ProblemHttpResult>> ListVersions(
        string @namespace, string type, ProviderRegistryStore providers, CancellationToken cancellationToken)
    {
        if (ProviderNames.TypeProblem(type) is null && await providers.GetAsync(@namespace, type, cancellationToken) is not null)
        {
            var versions = await providers.ListVersionsAsync(@namespace, type, cancellationToken);
            return TypedResults.Ok(new ProviderVersionsResponse(versions
                .Select(v => new ProviderVersionsResponse.Entry(v.Version, v.Protocols, v.Platforms.Select(p => new ProviderVersionsResponse.Platform(p.Os, p.Arch)).ToList()))
                .ToList()));
        }

        return NoProvider(@namespace, type);
    }

    internal static async Task<Results<Ok<ProviderDownloadResponse>, ProblemHttpResult>> FindPackage(
        string @namespace, string type, string version, string os, string arch, HttpRequest request,
        ProviderRegistryStore providers, ProviderSigningKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = ProviderNames.TypeProblem(type) is null && ProviderNames.VersionProblem(version) is null
            ? await providers.GetVersionAsync(@namespace, type, version, cancellationToken)
            : null;
        if (found is null)
        {
            return ApiProblems.NotFound($"Provider {@namespace}/{type} has no version '{version}'. List its versions at {BasePath}/{@namespace}/{type}/versions.");
        }

        if (found.Platforms.FirstOrDefault(p => p.Os == os && p.Arch == arch) is not { } platform)
        {
            return ApiProblems.NotFound($"Provider {@namespace}/{type} {version} has no package for {os}_{arch}; it has {string.Join(", ", found.Platforms.Select(p => $"{p.Os}_{p.Arch}"))}.");
        }

        if (await keys.FindSecretsAsync(@namespace, cancellationToken) is not { } secrets || secrets.PublicKey.KeyId != found.KeyId)
        {
            return ApiProblems.NotFound($"The key that signed provider {@namespace}/{type} {version} is gone; publish the version again.");
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(new ProviderDownloadResponse(
            found.Protocols,
            platform.Os,
            platform.Arch,
            platform.FileName,
            ProviderDownloadLinks.Create(request, secrets, found, platform.FileName, now),
            ProviderDownloadLinks.Create(request, secrets, found, found.ShasumsFileName, now),
            ProviderDownloadLinks.Create(request, secrets, found, found.SignatureFileName, now),
            platform.Shasum,
            new ProviderDownloadResponse.SigningKeys([new ProviderDownloadResponse.GpgPublicKey(secrets.PublicKey.KeyId, secrets.PublicKey.AsciiArmor, "Stratus")])));
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadFile(
        string @namespace, string type, string version, string file, long? expires, string? token, HttpContext context,
        ProviderRegistryStore providers, ProviderSigningKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var secrets = await keys.FindSecretsAsync(@namespace, cancellationToken);
        if (secrets is null || !ProviderDownloadLinks.IsValid(secrets, @namespace, type, version, file, expires, token, time.GetUtcNow()))
        {
            return TypedResults.Problem(
                $"This download link is expired, altered or for another file. Ask {BasePath}/{@namespace}/{type}/{version}/download/<os>/<arch> for fresh links (terraform init does).",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Download link not valid");
        }

        var found = ProviderNames.TypeProblem(type) is null && ProviderNames.VersionProblem(version) is null
            ? await providers.GetVersionAsync(@namespace, type, version, cancellationToken)
            : null;
        if (found is null || await providers.OpenFileAsync(found, file, cancellationToken) is not { } download)
        {
            return ApiProblems.NotFound($"Provider {@namespace}/{type} {version} has no file '{file}' any more.");
        }

        context.Response.RegisterForDisposeAsync(download);
        context.Response.ContentLength = download.Properties.ContentLength;
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(download.Content, download.Properties.ContentType ?? "application/octet-stream", file);
    }

    private static ProblemHttpResult NoProvider(string organization, string type) =>
        ApiProblems.NotFound($"Organization '{organization}' has no provider '{type}' in its registry. Publish it with 'stratus provider publish', or check the source address (<host>/{organization}/{type}).");
}
