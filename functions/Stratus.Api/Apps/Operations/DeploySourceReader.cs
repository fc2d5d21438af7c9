using Microsoft.Extensions.Options;
using Stratus.Containers.Registry;
using Stratus.Containers.Source;
using Stratus.Api.Api;
using Stratus.Api.Api.Validation;
using Stratus.Infra.Execution;
using Stratus.Orchestrations.Apps;
using Stratus.Storage;
using Stratus.Archives;

namespace Stratus.Api.Apps.Operations;

/// <summary>
/// Reads what a deploy builds from, in Tsuru's shapes: multipart with <c>file</c> (tar.gz), <c>image</c>,
/// <c>dockerfile</c> (+ optional <c>file</c> as its context) or <c>archive-url</c>; a raw tar.gz body; or JSON.
/// Archives are unpacked and their tsuru.yaml/Procfile parsed before anything is stored, so a hostile archive or a
/// broken manifest is a 400 naming the problem, not a failed deploy.
/// </summary>
internal sealed class DeploySourceReader(IStorageAccount storage, IOptions<AppPipelineOptions> options)
{
    public const string Example = "multipart/form-data with 'file' (a tar.gz), 'image', 'dockerfile' or 'archive-url'; or a tar.gz body (Content-Type: application/gzip); or JSON {\"image\": \"registry/repo:tag\"}";

    public sealed record Result(DeploySource? Source, string Origin, string? Message, string? Problem);

    public async Task<Result> ReadAsync(HttpRequest request, string app, CancellationToken cancellationToken)
    {
        var type = request.ContentType ?? "";
        if (request.HasFormContentType)
        {
            var (form, formProblem) = await MultipartFormBody.ReadAsync(request, cancellationToken);
            if (form is null)
            {
                return new Result(null, "", null, formProblem);
            }

            var file = form.Files.GetFile("file");
            var message = form["message"].FirstOrDefault();
            var origin = form["origin"].FirstOrDefault();
            var picked = Pick(form["image"].FirstOrDefault(), form["dockerfile"].FirstOrDefault(), form["archive-url"].FirstOrDefault(), file is not null, message, origin);
            if (picked.Problem is not null || file is null)
            {
                return picked;
            }

            await using var stream = file.OpenReadStream();
            var (blob, problem) = await StoreArchiveAsync(stream, app, picked.Source!.Kind == DeploySource.DockerfileKind, cancellationToken);
            return problem is not null ? picked with { Source = null, Problem = problem }
                : picked with { Source = picked.Source with { Blob = blob } };
        }

        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var (body, problem) = await JsonRequestBody.ReadAsync<DeployRequest>(request, """{"image": "127.0.0.1:5000/team/web:1.2", "message": "release 1.2"}""", cancellationToken);
            return problem is not null ? new Result(null, "", null, problem) : Pick(body!.Image, body.Dockerfile, body.ArchiveUrl, false, body.Message, body.Origin);
        }

        if (type.StartsWith("application/gzip", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/x-gzip", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            var message = request.Query["message"].FirstOrDefault();
            if (RequestValidator.Problem(new DeployRequest(null, null, null, message, null), null) is { } overLimit)
            {
                return new Result(null, "", null, overLimit);
            }

            var (blob, problem) = await StoreArchiveAsync(request.Body, app, dockerContext: false, cancellationToken);
            return new Result(problem is null ? new DeploySource(DeploySource.Archive, Blob: blob) : null, Stratus.Apps.Deploys.DeployOrigins.AppDeploy, message, problem);
        }

        return new Result(null, "", null, $"Send the deploy as {Example}; the Content-Type '{type}' is not one of these.");
    }

    private static Result Pick(string? image, string? dockerfile, string? archiveUrl, bool hasFile, string? message, string? origin)
    {
        // Form fields and the ?message= of a raw archive get the JSON body's limits: one rule set for every way to deploy.
        if (RequestValidator.Problem(new DeployRequest(image, dockerfile, archiveUrl, message, origin), null) is { } overLimit)
        {
            return new Result(null, "", null, overLimit);
        }

        var kinds = new[] { image is { Length: > 0 }, dockerfile is { Length: > 0 }, archiveUrl is { Length: > 0 } }.Count(x => x);
        if (kinds > 1 || (hasFile && (image is { Length: > 0 } || archiveUrl is { Length: > 0 })))
        {
            return new Result(null, "", null, "Give one source: a 'file' archive, an 'image', a 'dockerfile' (optionally with a 'file' context) or an 'archive-url'.");
        }

        if (message is { Length: > 1000 })
        {
            return new Result(null, "", null, "The deploy message is longer than 1000 characters.");
        }

        if (image is { Length: > 0 })
        {
            try
            {
                ImageReference.Parse(image);
                return new Result(new DeploySource(DeploySource.ImageKind, Image: image), Stratus.Apps.Deploys.DeployOrigins.Image, message, null);
            }
            catch (FormatException invalid)
            {
                return new Result(null, "", null, $"'image' is not a valid image reference: {invalid.Message}");
            }
        }

        if (dockerfile is { Length: > 0 })
        {
            return dockerfile.Length > 1024 * 1024
                ? new Result(null, "", null, "The Dockerfile is larger than 1 MiB.")
                : new Result(new DeploySource(DeploySource.DockerfileKind, Dockerfile: dockerfile), Stratus.Apps.Deploys.DeployOrigins.Dockerfile, message, null);
        }

        if (archiveUrl is { Length: > 0 })
        {
            return Uri.TryCreate(archiveUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? new Result(new DeploySource(DeploySource.ArchiveUrl, Url: archiveUrl), Stratus.Apps.Deploys.DeployOrigins.ArchiveUrl, message, null)
                : new Result(null, "", null, "'archive-url' must be an http or https URL of a tar.gz.");
        }

        return hasFile
            ? new Result(new DeploySource(DeploySource.Archive), Stratus.Apps.Deploys.DeployOrigins.AppDeploy, message, null)
            : new Result(null, "", null, $"The deploy names no source. Send {Example}.");
    }

    private async Task<(string? Blob, string? Problem)> StoreArchiveAsync(Stream body, string app, bool dockerContext, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var spool = Path.GetTempFileName();
        var scratch = Path.Combine(Path.GetTempPath(), "stratus-deploy-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(spool, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
            await body.CopyToAsync(file, cancellationToken);
            if (file.Length == 0)
            {
                return (null, "The archive is empty. Send the app as a tar.gz, e.g. tar -czf app.tar.gz -C site .");
            }

            file.Position = 0;
            try
            {
                var extracted = await SourceArchive.ExtractAsync(file, scratch, settings.ArchiveLimits(), cancellationToken);
                if (extracted.Files == 0 && !dockerContext)
                {
                    return (null, "The archive holds no files.");
                }

                await AppBuildManifestParser.LoadAsync(scratch, cancellationToken);
            }
            catch (InvalidSourceArchiveException ex)
            {
                // Damaged gzip or tar data arrives here too (SourceArchive wraps it), so every archive fault is a 400.
                return (null, ex.Entry is null && ex.InnerException is not null
                    ? $"{ex.Message} Create the archive with 'tar -czf app.tar.gz -C <folder> .'."
                    : ex.Message);
            }
            catch (AppManifestException ex)
            {
                return (null, ex.Message);
            }

            file.Position = 0;
            var blob = $"{app}/{Guid.NewGuid():N}.tar.gz";
            var container = storage.Blobs.GetContainer(AppBuilder.SourcesContainer);
            await container.CreateIfNotExistsAsync(cancellationToken);
            await container.UploadAsync(blob, file, cancellationToken: cancellationToken);
            return (blob, null);
        }
        finally
        {
            File.Delete(spool);
            LocalFiles.DeleteQuietly(scratch);
        }
    }
}
