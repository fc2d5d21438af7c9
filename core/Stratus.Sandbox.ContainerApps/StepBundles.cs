using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Stratus.Archives;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// The blobs one sandbox owns under <c>{name}/</c>: its record, the working directory going in, the files the step
/// wrote coming back (with the exit code as metadata), and its numbered log. Executions reach only their own three
/// data blobs, through SAS URLs scoped to one blob each (see the README's "Step sandbox in Azure").
/// </summary>
internal sealed class StepBundles(BlobContainerClient container, TimeProvider time)
{
    /// <summary>The metadata key the step's wrapper sets on the result and log blobs.</summary>
    public const string ExitCodeMetadata = "exitcode";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The result comes from the step, so it is read as hostile input; a working directory's changes fit these.
    private static readonly ArchiveLimits ResultLimits = new(1024L * 1024 * 1024, 4L * 1024 * 1024 * 1024, 200_000, 1024L * 1024 * 1024);

    private int _containerReady;

    public async Task<(SandboxRecord Record, ETag ETag)?> ReadRecordAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(name, "sandbox.json").DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson<SandboxRecord>(Json)!, content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes the record only where none exists; its ETag, or null when another start holds the name.</summary>
    public async Task<ETag?> TryClaimAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        return await TryWriteRecordAsync(record, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
    }

    /// <summary>Replaces the record if it is still the version read as <paramref name="etag"/>; its new ETag, or null when another process changed it.</summary>
    public Task<ETag?> TryReplaceRecordAsync(SandboxRecord record, ETag etag, CancellationToken cancellationToken) =>
        TryWriteRecordAsync(record, new BlobRequestConditions { IfMatch = etag }, cancellationToken);

    private async Task<ETag?> TryWriteRecordAsync(SandboxRecord record, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        try
        {
            var written = await Blob(record.Name, "sandbox.json").UploadAsync(BinaryData.FromObjectAsJson(record, Json), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return written.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Packs the working directory (tar.gz, links kept as links) into the sandbox's input blob.</summary>
    public async Task UploadInputAsync(string name, string workingDirectory, CancellationToken cancellationToken)
    {
        var packed = Path.Combine(Path.GetTempPath(), $"stratus-bundle-{Guid.NewGuid():N}.tar.gz");
        try
        {
            await using (var file = File.Create(packed))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                await TarFile.CreateFromDirectoryAsync(workingDirectory, gzip, includeBaseDirectory: false, cancellationToken);
            }

            await Blob(name, "input.tar.gz").UploadAsync(packed, overwrite: true, cancellationToken);
        }
        finally
        {
            File.Delete(packed);
        }
    }

    /// <summary>The step's URLs: read its input (briefly), write its result and log (for as long as a step may run).</summary>
    public async Task<(Uri Input, Uri Result, Uri Log)> StepUrlsAsync(string name, TimeSpan inputLifetime, TimeSpan resultLifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startsOn = now.AddMinutes(-5);
        var expiresOn = now + resultLifetime;
        UserDelegationKey? key = null;
        if (!container.CanGenerateSasUri)
        {
            // Identity-only accounts: a user delegation key, signed by Entra ID, in place of an account key (the app's Storage Blob Data Owner role allows it).
            key = (await container.GetParentBlobServiceClient().GetUserDelegationKeyAsync(startsOn, expiresOn, cancellationToken)).Value;
        }

        return (
            Sas(Blob(name, "input.tar.gz"), BlobSasPermissions.Read, startsOn, now + inputLifetime, key),
            Sas(Blob(name, "result.tar.gz"), BlobSasPermissions.Create | BlobSasPermissions.Write, startsOn, expiresOn, key),
            Sas(Blob(name, "log"), BlobSasPermissions.Create | BlobSasPermissions.Write, startsOn, expiresOn, key));
    }

    /// <summary>The exit code the step's wrapper recorded on its result (or, when that upload failed, its log); null when neither arrived.</summary>
    public async Task<int?> ReadExitCodeAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var blob in new[] { "result.tar.gz", "log" })
        {
            try
            {
                var properties = await Blob(name, blob).GetPropertiesAsync(cancellationToken: cancellationToken);
                if (properties.Value.Metadata.TryGetValue(ExitCodeMetadata, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                {
                    return code;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }

        return null;
    }

    /// <summary>The step's whole log as its wrapper uploaded it at the exit (numbered lines); null when it never arrived.</summary>
    public async Task<IReadOnlyList<string>?> ReadLogAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob(name, "log").DownloadContentAsync(cancellationToken);
            var text = content.Value.Content.ToString();
            return text.Split('\n').Where(line => line.Length > 0).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Unpacks the files the step wrote over the working directory (created when this process has none, as after a
    /// crash on another machine). Only regular files are taken, each confined to the working directory; false when the
    /// step left no result.
    /// </summary>
    public async Task<bool> DownloadResultAsync(string name, string workingDirectory, CancellationToken cancellationToken)
    {
        var unpacked = Path.Combine(Path.GetTempPath(), $"stratus-result-{Guid.NewGuid():N}");
        try
        {
            try
            {
                var download = await Blob(name, "result.tar.gz").DownloadStreamingAsync(cancellationToken: cancellationToken);
                await using var stream = download.Value.Content;
                await SourceArchive.ExtractAsync(stream, unpacked, ResultLimits, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }

            Directory.CreateDirectory(workingDirectory);
            foreach (var file in new DirectoryInfo(unpacked).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                var relative = Path.GetRelativePath(unpacked, file.FullName);
                var target = ConfinedPath.Resolve(workingDirectory, relative) ??
                    throw new InvalidSourceArchiveException(relative, "the step's result would write outside its working directory");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file.FullName, target, overwrite: true);
            }

            return true;
        }
        finally
        {
            LocalFiles.DeleteQuietly(unpacked);
        }
    }

    /// <summary>Deletes every blob of the sandbox (its input holds the step's secrets).</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var blob in new[] { "input.tar.gz", "result.tar.gz", "log", "sandbox.json" })
        {
            await Blob(name, blob).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _containerReady) == 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref _containerReady, 1);
        }
    }

    private BlobClient Blob(string name, string file) => container.GetBlobClient($"{name}/{file}");

    private Uri Sas(BlobClient blob, BlobSasPermissions permissions, DateTimeOffset startsOn, DateTimeOffset expiresOn, UserDelegationKey? key)
    {
        var builder = new BlobSasBuilder(permissions, expiresOn)
        {
            BlobContainerName = container.Name,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = startsOn,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        return key is null
            ? blob.GenerateSasUri(builder)
            : new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, container.AccountName) }.ToUri();
    }
}
