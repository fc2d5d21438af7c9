using Stratus.Containers.Oci;
using Stratus.Containers.Registry;

namespace Stratus.Containers.Assembly;

/// <summary>
/// Builds an image without a daemon or a builder: the base image's manifest and config, plus prebuilt layers and config
/// changes, become a new config and manifest pushed straight to the target repository. Blobs the target already has are
/// skipped, base layers are mounted across repositories of the same registry where possible and copied otherwise, so a
/// re-deploy with an unchanged layer uploads nothing for it.
/// </summary>
public sealed class ImageAssembler
{
    private const string Os = "linux";
    private const string Architecture = "amd64";

    private readonly IRegistryClient _client;

    public ImageAssembler(IRegistryClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public async Task<AssembledImage> AssembleAsync(
        ImageReference baseImage,
        IReadOnlyList<LayerFile> addedLayers,
        ImageConfigChanges changes,
        ImageReference target,
        IReadOnlyList<string> extraTags,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        ArgumentNullException.ThrowIfNull(addedLayers);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(extraTags);
        ArgumentNullException.ThrowIfNull(log);
        if (target.Tag is null)
        {
            throw new ArgumentException($"The target {target} needs a tag to push the manifest under.", nameof(target));
        }

        var tags = extraTags.Select(t => target.WithTag(t)).Prepend(target).DistinctBy(t => t.Tag, StringComparer.Ordinal).ToList();
        var stats = new PushStatistics();

        var (resolved, manifest) = await ResolveAsync(baseImage, log, cancellationToken);
        var baseConfig = await _client.GetBlobBytesAsync(resolved, manifest.Config.Digest, cancellationToken);
        var configBytes = ImageConfigEditor.Apply(baseConfig, addedLayers, changes);
        var config = ImageConfig.Parse(configBytes);
        var configDigest = OciDigest.Sha256(configBytes);

        var docker = UsesDockerTypes(manifest, addedLayers);
        log($"Assembling {target} from {baseImage} ({manifest.Layers.Count} base layers, {addedLayers.Count} added, {(docker ? "Docker" : "OCI")} media types).");

        var sameRegistry = string.Equals(resolved.Registry, target.Registry, StringComparison.OrdinalIgnoreCase);
        var sameRepository = sameRegistry && resolved.Repository == target.Repository;
        foreach (var layer in manifest.Layers)
        {
            if (await _client.BlobExistsAsync(target, layer.Digest, cancellationToken))
            {
                stats.RecordSkipped();
                log($"Base layer {Short(layer.Digest)} is already in {target.Repository}.");
            }
            else if (sameRegistry && !sameRepository && await _client.TryMountBlobAsync(target, layer.Digest, resolved.Repository, cancellationToken))
            {
                stats.RecordMounted();
                log($"Base layer {Short(layer.Digest)} mounted from {resolved.Repository}.");
            }
            else
            {
                await using var source = await _client.GetBlobAsync(resolved, layer.Digest, cancellationToken);
                await _client.PushBlobAsync(target, layer.Digest, source, layer.Size, cancellationToken);
                stats.RecordUpload(layer.Size);
                log($"Base layer {Short(layer.Digest)} copied from {resolved.Name} ({layer.Size} bytes).");
            }
        }

        foreach (var layer in addedLayers)
        {
            if (await _client.BlobExistsAsync(target, layer.Digest, cancellationToken))
            {
                stats.RecordSkipped();
                log($"Layer {Short(layer.Digest)} is unchanged; not uploaded.");
                continue;
            }

            // The build hashed the layer while writing it: the file goes to the registry as it is, not through sha256 again.
            await _client.PushBlobFileAsync(target, layer.Path, layer.Digest, layer.Size, cancellationToken);
            stats.RecordUpload(layer.Size);
            log($"Layer {Short(layer.Digest)} uploaded ({layer.Size} bytes).");
        }

        if (await _client.BlobExistsAsync(target, configDigest, cancellationToken))
        {
            stats.RecordSkipped();
        }
        else
        {
            using var content = new MemoryStream(configBytes, writable: false);
            await _client.PushBlobAsync(target, configDigest, content, configBytes.Length, cancellationToken);
            stats.RecordUpload(configBytes.Length);
        }

        var manifestMediaType = docker ? OciMediaTypes.DockerManifest : OciMediaTypes.ImageManifest;
        var newManifest = new OciManifest
        {
            MediaType = manifestMediaType,
            Config = new OciDescriptor
            {
                MediaType = docker ? OciMediaTypes.DockerConfig : OciMediaTypes.ImageConfig,
                Digest = configDigest,
                Size = configBytes.Length,
            },
            Layers =
            [
                .. manifest.Layers.Select(l => l with { MediaType = docker ? l.MediaType : ToOci(l.MediaType) }),
                .. addedLayers.Select(l => new OciDescriptor
                {
                    MediaType = docker ? ToDocker(l.MediaType) : ToOci(l.MediaType),
                    Digest = l.Digest,
                    Size = l.Size,
                }),
            ],
        };
        var manifestBytes = newManifest.ToJsonBytes();
        var manifestDigest = OciDigest.Sha256(manifestBytes);
        foreach (var tag in tags)
        {
            var stored = await _client.PutManifestAsync(tag, manifestMediaType, manifestBytes, cancellationToken);
            if (stored != manifestDigest)
            {
                throw new RegistryException($"{tag.Registry} stored the manifest of {tag} as {stored}, not {manifestDigest}.", null);
            }
        }

        log($"Pushed {string.Join(", ", tags.Select(t => t.ToString()))} ({Short(manifestDigest)}): {stats}.");
        return new AssembledImage(target, manifestDigest, config, stats);
    }

    /// <summary>The config of <paramref name="image"/> (the linux/amd64 one of an index): what an image deploy runs.</summary>
    public async Task<ImageConfig> ReadConfigAsync(ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (resolved, manifest) = await ResolveAsync(image, _ => { }, cancellationToken);
        return ImageConfig.Parse(await _client.GetBlobBytesAsync(resolved, manifest.Config.Digest, cancellationToken));
    }

    private async Task<(ImageReference Image, OciManifest Manifest)> ResolveAsync(ImageReference image, Action<string> log, CancellationToken cancellationToken)
    {
        var raw = await _client.GetManifestAsync(image, cancellationToken);
        if (raw.IsIndex)
        {
            var chosen = raw.ParseIndex().Select(Os, Architecture)
                ?? throw new InvalidDataException($"The image index of {image} lists no manifests.");
            log($"{image} is a multi-platform index; using {chosen.Platform?.Os ?? "?"}/{chosen.Platform?.Architecture ?? "?"} ({Short(chosen.Digest)}).");
            image = image.WithDigest(chosen.Digest);
            raw = await _client.GetManifestAsync(image, cancellationToken);
            if (raw.IsIndex)
            {
                throw new InvalidDataException($"{image} is an index inside an index; Stratus does not follow nested indexes.");
            }
        }

        return (image, raw.ParseManifest() with { MediaType = raw.MediaType });
    }

    // Docker types are kept only when the whole base speaks them; mixing them with OCI types in one manifest is what
    // some registries and runtimes refuse.
    private static bool UsesDockerTypes(OciManifest manifest, IReadOnlyList<LayerFile> addedLayers) =>
        manifest.MediaType == OciMediaTypes.DockerManifest &&
        manifest.Config.MediaType == OciMediaTypes.DockerConfig &&
        manifest.Layers.All(l => l.MediaType.StartsWith("application/vnd.docker.", StringComparison.Ordinal)) &&
        addedLayers.All(l => l.MediaType is OciMediaTypes.LayerTarGzip or OciMediaTypes.DockerLayerTarGzip or OciMediaTypes.LayerTar or OciMediaTypes.DockerLayerTar);

    private static string ToOci(string mediaType) => mediaType switch
    {
        OciMediaTypes.DockerLayerTarGzip => OciMediaTypes.LayerTarGzip,
        OciMediaTypes.DockerLayerTar => OciMediaTypes.LayerTar,
        _ => mediaType,
    };

    // Docker's schema has no zstd layer type, so a zstd layer keeps the whole manifest OCI (see UsesDockerTypes).
    private static string ToDocker(string mediaType) => mediaType switch
    {
        OciMediaTypes.LayerTarGzip => OciMediaTypes.DockerLayerTarGzip,
        OciMediaTypes.LayerTar => OciMediaTypes.DockerLayerTar,
        _ => mediaType,
    };

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
