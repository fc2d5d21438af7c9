using System.Text.Json;
using Microsoft.Extensions.Options;
using Stratus.Apps.Apps;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Apps.Platforms;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;
using Stratus.Containers.Assembly;
using Stratus.Containers.Builders;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Containers.Source;
using Stratus.Infra.Execution;
using Stratus.Storage;
using Stratus.Archives;
using Stratus.Processes;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// The build step of a deploy: a new version number, then an image pushed as <c>&lt;registry&gt;/&lt;namespace&gt;/app-&lt;app&gt;:v&lt;N&gt;</c>
/// from an archive (daemonless assembly on the platform image, or buildah when tsuru.yaml has build hooks), a
/// Dockerfile (buildah), or an existing image (copied into the app's repository). Runs under the app's lease and
/// stops when the event's cancel is asked. Re-running it for the same event (the host died under it) reuses the
/// version it allocated, and a version already built is not built again.
/// </summary>
public sealed class AppBuilder(
    AppStore apps,
    PoolStore pools,
    PlatformStore platforms,
    AppVersionStore versions,
    AppEventStore events,
    AppLockStore locks,
    IStorageAccount storage,
    RegistryClientFactory registries,
    IBuilderDriver builder,
    IOptions<AppPipelineOptions> options,
    ArchiveUrls.AppArchiveDownloader archives,
    TimeProvider time)
{
    public const string SourcesContainer = "stratus-app-sources";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan CancelPoll = TimeSpan.FromSeconds(1);

    public async Task<BuildOutcome> BuildAsync(AppOperationInput input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var log = new EventLogWriter(events, input.EventId, LogMasker.None, time);
        var held = await locks.TryAcquireAsync(input.App, input.EventId, input.Kind, input.Owner, settings.LockLease, cancellationToken);
        if (!held.Acquired)
        {
            return await FailAsync(log, null, $"This deploy lost the app's lock: {held.Holder?.Describe()}.");
        }

        await using var lease = await AppLease.HoldAsync(locks, input.App, input.EventId, settings.LockLease, time, cancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        using var stopWatching = new CancellationTokenSource();
        var watching = WatchCancelAsync(input.EventId, cancel, stopWatching.Token);
        AppVersion? version = null;
        var work = Path.Combine(settings.ResolveWorkDirectory(), $"{input.EventId}-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            if (await apps.GetAsync(input.App, cancel.Token) is not { } app)
            {
                return await FailAsync(log, null, $"The app '{input.App}' no longer exists.");
            }

            if (await pools.GetAsync(app.Pool, cancel.Token) is not { } pool)
            {
                return await FailAsync(log, null, $"The app's pool '{app.Pool}' no longer exists.");
            }

            version = await VersionForAsync(input, cancel.Token);
            if (version.Status is AppVersionStatus.Built or AppVersionStatus.Deployed && version.Image is not null)
            {
                log.Write($"Version {version.Number} was built already ({version.Image}).");
                return new BuildOutcome(true, false, version.Number, null);
            }

            log.Write($"---- Building version {version.Number} of {app.Name} ({input.Source?.Kind}) ----");
            var target = ImageReference.Create(pool.Registry.Address, $"{pool.Registry.Namespace}/app-{app.Name}", $"v{version.Number}");
            var registry = registries.Create(pool.Registry);
            Directory.CreateDirectory(work);
            var built = await BuildImageAsync(input, app, pool, target, registry, work, log.Write, cancel.Token);
            var processes = built.Manifest.Processes.Count > 0
                ? built.Manifest.Processes.ToDictionary(p => p.Name, p => p.Command, StringComparer.Ordinal)
                : ShellWords.CommandOf(built.Config.Config.Entrypoint, built.Config.Config.Cmd) is { } command
                    ? new Dictionary<string, string>(StringComparer.Ordinal) { ["web"] = command }
                    : null;
            if (processes is null)
            {
                return await FailAsync(log, version, "The image has no ENTRYPOINT or CMD and the source has no Procfile or tsuru.yaml processes: nothing to run. Add a Procfile line such as 'web: ./server'.");
            }

            var port = built.Config.Config.ExposedPorts.Select(PortOf).FirstOrDefault(p => p > 0);
            await versions.UpdateAsync(app.Name, version.Number, v => v with
            {
                Status = AppVersionStatus.Built,
                Image = built.Image,
                ManifestDigest = built.Digest,
                Processes = processes,
                ExposedPort = port > 0 ? port : null,
                BuildManifest = JsonSerializer.Serialize(built.Manifest, Json),
            }, CancellationToken.None);
            await events.SetCancelableAsync(input.EventId, false, CancellationToken.None);
            await events.SetCustomDataAsync(input.EventId, JsonSerializer.Serialize(new DeployBuildData(
                version.Number, built.Image, built.Digest, built.Pushed?.BytesUploaded, built.Pushed?.BlobsUploaded, built.Pushed?.BlobsSkipped, built.Pushed?.BlobsMounted), Json), CancellationToken.None);
            log.Write($"---- Built {built.Image} ({built.Digest}); processes: {string.Join(", ", processes.Keys)} ----");
            return new BuildOutcome(true, false, version.Number, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !lease.IsLost)
        {
            await events.AcknowledgeCancelAsync(input.EventId, CancellationToken.None);
            return await FailAsync(log, version, "Canceled during the build.", canceled: true);
        }
        catch (OperationCanceledException) when (lease.IsLost)
        {
            return await FailAsync(log, version, "The deploy lost the app's lock (its lease could not be renewed) and stopped.");
        }
        catch (Exception ex) when (ex is InvalidSourceArchiveException or AppManifestException or BuildFailedException or RegistryException or InvalidDataException or HttpRequestException or Polly.ExecutionRejectedException or IOException)
        {
            return await FailAsync(log, version, ex.Message);
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watching;
            DeleteQuietly(work);
        }
    }

    private async Task<BuiltAppImage> BuildImageAsync(AppOperationInput input, App app, Pool pool, ImageReference target, IRegistryClient registry, string work, Action<string> log, CancellationToken cancellationToken)
    {
        var source = input.Source ?? throw new InvalidDataException("The deploy names no source.");
        var assembler = new ImageAssembler(registry);
        switch (source.Kind)
        {
            case DeploySource.ImageKind:
            {
                // The image is copied into the app's repository, so rollbacks never depend on someone else's tag.
                var image = ImageReference.Parse(source.Image!);
                log($"Copying {image} to {target}");
                var assembled = await assembler.AssembleAsync(image, [], ImageConfigChanges.None with { HistoryCreatedBy = $"stratus: deploy of {image}" }, target, ["latest"], log, cancellationToken);
                return new BuiltAppImage(assembled.Image.ToString(), assembled.ManifestDigest, assembled.Config, AppBuildManifest.Empty, assembled.Stats);
            }

            case DeploySource.DockerfileKind:
            {
                var context = Path.Combine(work, "context");
                AppBuildManifest manifest = AppBuildManifest.Empty;
                if (source.Blob is not null)
                {
                    await using var archive = await OpenSourceAsync(source.Blob, cancellationToken);
                    await SourceArchive.ExtractAsync(archive, context, Limits(), cancellationToken);
                    manifest = await AppBuildManifestParser.LoadAsync(context, cancellationToken);
                }

                Directory.CreateDirectory(context);

                // buildah wants the Dockerfile inside its context; the name keeps clear of the user's own files.
                var dockerfile = Path.Combine(context, $".stratus-{Guid.NewGuid():N}.Dockerfile");
                await File.WriteAllTextAsync(dockerfile, source.Dockerfile, cancellationToken);
                var built = await builder.BuildDockerfileAsync(new DockerfileBuild(context, target.ToString()) { Dockerfile = dockerfile }, log, cancellationToken);
                var config = await assembler.ReadConfigAsync(target, cancellationToken);
                return new BuiltAppImage(target.ToString(), built.Digest, config, manifest);
            }

            case DeploySource.Archive or DeploySource.ArchiveUrl:
            {
                var platform = app.Platform is { } name ? await platforms.GetAsync(name, cancellationToken) : null;
                if (platform is null)
                {
                    throw new InvalidDataException(app.Platform is null
                        ? $"App '{app.Name}' has no platform, so an archive has nothing to build on. Set one (stratus app update {app.Name} --platform static) or deploy an image or a Dockerfile."
                        : $"The platform '{app.Platform}' no longer exists.");
                }

                await using var archive = source.Kind == DeploySource.Archive
                    ? await OpenSourceAsync(source.Blob!, cancellationToken)
                    : await DownloadAsync(source.Url!, work, log, cancellationToken);
                var layer = await AppSourceLayer.CreateAsync(archive, work, Limits(), options.Value.Compression(), cancellationToken);
                log($"Source: {layer.Archive.Files} files, {layer.Archive.UncompressedBytes:N0} bytes; processes from {layer.Manifest.ProcessesSource ?? "the platform image"}");
                foreach (var warning in layer.Manifest.Warnings)
                {
                    log("warning: " + warning);
                }

                var baseImage = ImageReference.Parse(platform.Image);
                var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["io.stratus.app"] = app.Name, ["io.stratus.version"] = target.Tag! };
                if (layer.Manifest.Hooks.Build.Count > 0)
                {
                    // Build hooks run commands inside the image: that needs a builder, not daemonless assembly.
                    log($"Running {layer.Manifest.Hooks.Build.Count} build hook(s) with the builder");
                    var hooked = await builder.BuildWithHooksAsync(new HookBuild(platform.Image, layer.SourceDirectory, target.ToString())
                    {
                        BuildHooks = layer.Manifest.Hooks.Build,
                        Labels = labels,
                    }, log, cancellationToken);
                    return new BuiltAppImage(target.ToString(), hooked.Digest, await assembler.ReadConfigAsync(target, cancellationToken), layer.Manifest);
                }

                var changes = ImageConfigChanges.None with
                {
                    WorkingDir = AppSourceLayer.ApplicationDirectory,
                    Labels = labels,
                    Created = time.GetUtcNow(),
                };
                var assembled = await assembler.AssembleAsync(baseImage, layer.Layers, changes, target, ["latest"], log, cancellationToken);
                log($"Pushed: {assembled.Stats}");
                return new BuiltAppImage(assembled.Image.ToString(), assembled.ManifestDigest, assembled.Config, layer.Manifest, assembled.Stats);
            }

            default:
                throw new InvalidDataException($"Unknown deploy source '{source.Kind}'.");
        }
    }

    private async Task<AppVersion> VersionForAsync(AppOperationInput input, CancellationToken cancellationToken)
    {
        var existing = (await versions.ListAsync(input.App, cancellationToken)).FirstOrDefault(v => v.DeployId == input.EventId);
        return existing ?? await versions.AllocateAsync(input.App, input.Owner, input.EventId, cancellationToken);
    }

    private async Task<Stream> OpenSourceAsync(string blob, CancellationToken cancellationToken)
    {
        var download = await storage.Blobs.GetContainer(SourcesContainer).DownloadAsync(blob, cancellationToken: cancellationToken);
        return download.Content;
    }

    private Task<Stream> DownloadAsync(string url, string work, Action<string> log, CancellationToken cancellationToken)
    {
        // The event log is readable by the app's team: credentials in the URL (user:password@, a SAS query) stay out of it.
        log(Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            ? $"Downloading {new UriBuilder(parsed) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri}"
            : "Downloading the archive");
        return archives.DownloadAsync(url, work, cancellationToken);
    }

    private async Task WatchCancelAsync(string eventId, CancellationTokenSource cancel, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                await Task.Delay(CancelPoll, time, stop);
                if (await events.GetAsync(eventId, stop) is { CancelInfo.Asked: true })
                {
                    await cancel.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The build ended first.
        }
        catch (Exception ex) when (ex is StorageException or HttpRequestException)
        {
            // Cancel is best effort while storage is unreachable; the lease still bounds the build.
        }
    }

    private async Task<BuildOutcome> FailAsync(EventLogWriter log, AppVersion? version, string error, bool canceled = false)
    {
        log.Write((canceled ? "---- Canceled: " : "---- Build failed: ") + error);
        if (version is not null)
        {
            await versions.UpdateAsync(version.App, version.Number, v => v with { Status = AppVersionStatus.Failed }, CancellationToken.None);
        }

        return new BuildOutcome(false, canceled, version?.Number, error);
    }

    private ArchiveLimits Limits() => options.Value.ArchiveLimits();

    private static int PortOf(string exposed) => int.TryParse(exposed.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 0;

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover build folder is harmless; the next build uses a folder of its own.
        }
    }

    private sealed record BuiltAppImage(string Image, string Digest, ImageConfig Config, AppBuildManifest Manifest, PushStatistics? Pushed = null);
}
