using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Api.Infra.Workspaces;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.ConfigurationVersions;
using Stratus.Storage;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// Configuration versions: terraform creates one, PUTs its working directory as a tar.gz to the upload URL without
/// credentials (go-tfe's "foreign" request), polls until it is uploaded, then names it in a run. The upload URL holds a
/// one-time secret, and the archive is checked like any uploaded configuration (paths, links, sizes) before it is kept.
/// </summary>
internal static class TfeConfigurationVersionEndpoints
{
    public static async Task<IResult> Create(
        string workspaceId, HttpContext context, TfeAccess access, ConfigurationVersionStore versions, TimeProvider time, CancellationToken cancellationToken)
    {
        var (workspace, problem) = await access.FindByIdAsync(context, workspaceId, PermissionNames.JobPlan, "upload a configuration for a run", cancellationToken);
        if (workspace is null)
        {
            return problem!;
        }

        var (data, invalid) = await TfeJson.ReadDataAsync(context.Request, "configuration-versions", cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var speculative = false;
        if (TfeJson.Attribute(data, "speculative") is { } given)
        {
            if (given.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return TfeProblems.Invalid("/data/attributes/speculative", "\"speculative\" must be true or false.");
            }

            speculative = given.GetBoolean();
        }

        if (TfeJson.Attribute(data, "auto-queue-runs") is { ValueKind: JsonValueKind.True })
        {
            return TfeProblems.Invalid("/data/attributes/auto-queue-runs", "Stratus queues a run only when one is created (POST /runs): send \"auto-queue-runs\": false.");
        }

        if (TfeJson.Attribute(data, "provisional") is { ValueKind: JsonValueKind.True })
        {
            return TfeProblems.Invalid("/data/attributes/provisional", "Saved cloud plans (terraform plan -out) are not supported: plan without -out.");
        }

        var secret = Base64UrlSecret();
        var version = new ConfigurationVersion(
            TfeIds.ConfigurationVersionPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            workspace.Organization,
            workspace.Name,
            ConfigurationVersion.Pending,
            speculative,
            Hash(secret),
            ArchiveBlob: null,
            time.GetUtcNow(),
            context.GetCaller().Describe());
        await versions.CreateAsync(version, cancellationToken);
        var uploadUrl = new Uri(TfeApi.BaseUrl(context.Request), $"configuration-versions/{version.Id}/upload/{secret}").AbsoluteUri;
        return TfeJson.Document(TfeDocuments.ConfigurationVersion(version, uploadUrl), StatusCodes.Status201Created);
    }

    public static async Task<IResult> Read(string configurationVersionId, HttpContext context, TfeAccess access, ConfigurationVersionStore versions, CancellationToken cancellationToken)
    {
        var version = TfeIds.IsConfigurationVersion(configurationVersionId) ? await versions.GetAsync(configurationVersionId, cancellationToken) : null;
        if (version is null || (await access.FindAsync(context, version.Organization, version.Workspace, cancellationToken)).Problem is not null)
        {
            return TfeProblems.NotFound($"There is no configuration version '{configurationVersionId}' that you may read.");
        }

        return TfeJson.Document(TfeDocuments.ConfigurationVersion(version, uploadUrl: null));
    }

    public static async Task<IResult> Upload(
        string configurationVersionId, string secret, HttpContext context, ConfigurationVersionStore versions, IStorageAccount storage, ISourceArchiveValidator validator, CancellationToken cancellationToken)
    {
        var version = TfeIds.IsConfigurationVersion(configurationVersionId) ? await versions.GetAsync(configurationVersionId, cancellationToken) : null;
        if (version is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(version.UploadSecretSha256), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return TfeProblems.NotFound("This upload URL is not valid: create a configuration version (POST /api/tfe/v2/workspaces/{id}/configuration-versions) and use the upload-url it answers.");
        }

        if (version.Status != ConfigurationVersion.Pending)
        {
            return TfeProblems.Conflict($"Configuration version '{version.Id}' was uploaded already; an upload URL works once. Create a new configuration version.");
        }

        // Spooled to a temporary file: the archive is validated in full before anything is stored.
        var spool = Path.GetTempFileName();
        try
        {
            await using var file = new FileStream(spool, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
            await context.Request.Body.CopyToAsync(file, cancellationToken);
            if (file.Length == 0)
            {
                return TfeProblems.Invalid("/", "The request body is empty. Send the configuration as a tar.gz.");
            }

            file.Position = 0;
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            file.Position = 0;
            if (await validator.ProblemAsync(file, cancellationToken) is { } invalid)
            {
                return TfeProblems.Invalid("/", invalid);
            }

            file.Position = 0;
            var blob = $"{version.Organization}/{version.Workspace}/{hash}.tar.gz";
            var container = storage.Blobs.GetContainer(WorkspacesApi.SourcesContainer);
            await container.CreateIfNotExistsAsync(cancellationToken);
            await container.UploadAsync(blob, file, cancellationToken: cancellationToken);
            return await versions.MarkUploadedAsync(version.Id, blob, cancellationToken) is null
                ? TfeProblems.Conflict($"Configuration version '{version.Id}' was uploaded already; an upload URL works once.")
                : TypedResults.Ok();
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static string Base64UrlSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
