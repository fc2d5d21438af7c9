using System.Security.Cryptography;
using Stratus.Archives;
using Stratus.Infra.Execution;
using Stratus.Storage;

namespace Stratus.Infra.Registry.Modules;

/// <summary>
/// Publishes module versions from an uploaded archive or a git repository's version tags. Every version is re-packed
/// (<see cref="ModuleArchive"/>) into a temporary file first; only when all of them are good are the archives
/// uploaded (under fresh names, so a lost race never overwrites anyone's blob) and the rows written in one
/// transaction. Whatever fails on the way removes what this call uploaded, so a refused publish leaves nothing behind.
/// </summary>
public sealed class ModulePublisher(ModuleStore store, IStorageAccount storage, TimeProvider time)
{
    /// <summary>Publishes one version from a tar.gz.</summary>
    public async Task<ModulePublishResult> PublishArchiveAsync(
        ModuleAddress module, string version, Stream tarGz, string? description, string publishedBy, CancellationToken cancellationToken)
    {
        if (ModuleVersionNumber.Normalize(version) is not { } normalized)
        {
            return ModulePublishResult.Invalid(ModuleVersionNumber.Problem(version, "version")!);
        }

        if (await store.GetVersionAsync(module.Organization, module.Name, module.System, normalized, cancellationToken) is not null)
        {
            return ModulePublishResult.Conflict(AlreadyPublished(module, [normalized]));
        }

        var packed = new PackedVersion(normalized, null, Path.GetTempFileName());
        try
        {
            try
            {
                await using var output = File.Create(packed.File);
                packed.Files = (await ModuleArchive.NormalizeAsync(tarGz, output, cancellationToken)).Files;
            }
            catch (InvalidSourceArchiveException ex)
            {
                return ModulePublishResult.Invalid(ex.Entry is null && ex.InnerException is not null
                    ? $"{ex.Message} Create the archive with 'tar -czf module.tar.gz -C <module folder> .'."
                    : ex.Message);
            }

            return await StoreAsync(module, description, null, [packed], [], [], publishedBy, cancellationToken);
        }
        finally
        {
            File.Delete(packed.File);
        }
    }

    /// <summary>Publishes the version tags of a git repository (the ones named, or every new semver tag).</summary>
    public async Task<ModulePublishResult> PublishGitAsync(
        ModuleAddress module, GitModuleSource source, string? description, string publishedBy, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> tags;
        try
        {
            tags = await GitSource.ListTagsAsync(source.Url, cancellationToken);
        }
        catch (GitSourceException ex)
        {
            return ModulePublishResult.Invalid($"The repository could not be read: {ex.Message}");
        }

        var (chosen, ignored, problem) = ChooseTags(tags, source.Tags, GitSource.DisplayUrl(source.Url));
        if (problem is not null)
        {
            return ModulePublishResult.Invalid(problem);
        }

        var published = (await store.ListVersionsAsync(module.Organization, module.Name, module.System, cancellationToken))
            .Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
        var taken = chosen.Where(t => published.Contains(t.Version)).ToList();
        if (source.Tags is not null && taken.Count > 0)
        {
            return ModulePublishResult.Conflict(AlreadyPublished(module, taken.Select(t => t.Version)));
        }

        var fresh = chosen.Except(taken).ToList();
        if (fresh.Count > ModuleStore.MaxVersionsPerPublish)
        {
            return ModulePublishResult.Invalid(
                $"The repository has {fresh.Count} new version tags; one publish takes at most {ModuleStore.MaxVersionsPerPublish}. Name the ones to publish in 'tags'.");
        }

        var packed = new List<PackedVersion>();
        try
        {
            foreach (var (tag, version) in fresh)
            {
                var file = Path.GetTempFileName();
                var item = new PackedVersion(version, tag, file);
                packed.Add(item);
                if (await PackTagAsync(source, tag, item, cancellationToken) is { } invalid)
                {
                    return ModulePublishResult.Invalid(invalid);
                }
            }

            return await StoreAsync(module, description, source.Url, packed, taken.Select(t => t.Tag).ToList(), ignored, publishedBy, cancellationToken);
        }
        finally
        {
            foreach (var item in packed)
            {
                File.Delete(item.File);
            }
        }
    }

    /// <summary>Deletes a stored archive; a missing one is not an error (a delete may be retried).</summary>
    public async Task DeleteArchivesAsync(IEnumerable<ModuleVersion> versions, CancellationToken cancellationToken)
    {
        var container = storage.Blobs.GetContainer(ModuleStore.ArchiveContainer);
        foreach (var version in versions)
        {
            await container.DeleteAsync(version.ArchiveBlob, cancellationToken: cancellationToken);
        }
    }

    private static (List<(string Tag, string Version)> Chosen, List<string> Ignored, string? Problem) ChooseTags(
        IReadOnlyList<string> tags, IReadOnlyList<string>? named, string shownUrl)
    {
        var chosen = new List<(string Tag, string Version)>();
        var ignored = new List<string>();
        foreach (var tag in named ?? tags)
        {
            if (ModuleVersionNumber.Normalize(tag) is not { } version)
            {
                if (named is not null)
                {
                    return ([], [], ModuleVersionNumber.Problem(tag, "tag"));
                }

                ignored.Add(tag);
                continue;
            }

            if (named is not null && !tags.Contains(tag, StringComparer.Ordinal))
            {
                return ([], [], $"The repository {shownUrl} has no tag '{tag}'. Push the tag first, or name one of its tags.");
            }

            if (chosen.FirstOrDefault(c => c.Version == version) is { Tag: not null } twin)
            {
                return ([], [], $"The tags '{twin.Tag}' and '{tag}' are both version {version}; name one of them in 'tags'.");
            }

            chosen.Add((tag, version));
        }

        if (chosen.Count == 0)
        {
            return ([], [], $"The repository {shownUrl} has no tag that is a semantic version (such as v1.0.0); tag a release first.");
        }

        return (chosen, ignored, null);
    }

    /// <returns>Why the tag cannot be published, or null when its clean archive is in the item's file.</returns>
    private static async Task<string?> PackTagAsync(GitModuleSource source, string tag, PackedVersion item, CancellationToken cancellationToken)
    {
        var checkout = Path.Combine(Path.GetTempPath(), "stratus-module-git-" + Guid.NewGuid().ToString("N"));
        var raw = Path.GetTempFileName();
        try
        {
            try
            {
                await GitSource.CloneAsync(source.Url, tag, null, checkout, _ => { }, cancellationToken);
            }
            catch (GitSourceException ex)
            {
                return $"Tag '{tag}' could not be checked out: {ex.Message}";
            }

            var folder = string.IsNullOrEmpty(source.Folder) ? checkout : ConfinedPath.Resolve(checkout, source.Folder);
            if (folder is null || !Directory.Exists(folder))
            {
                return $"Tag '{tag}' has no folder '{source.Folder}' inside the repository; set 'folder' to the module's folder, relative to the repository root.";
            }

            await using (var output = File.Create(raw))
            {
                await ModuleArchive.PackAsync(folder, output, skipGitFolder: true, cancellationToken);
            }

            try
            {
                await using var input = File.OpenRead(raw);
                await using var clean = File.Create(item.File);
                item.Files = (await ModuleArchive.NormalizeAsync(input, clean, cancellationToken)).Files;
                return null;
            }
            catch (InvalidSourceArchiveException ex)
            {
                return $"Tag '{tag}': {ex.Message}";
            }
        }
        finally
        {
            LocalFiles.DeleteQuietly(checkout);
            File.Delete(raw);
        }
    }

    private async Task<ModulePublishResult> StoreAsync(
        ModuleAddress module,
        string? description,
        string? sourceUrl,
        IReadOnlyList<PackedVersion> packed,
        IReadOnlyList<string> alreadyPublished,
        IReadOnlyList<string> ignored,
        string publishedBy,
        CancellationToken cancellationToken)
    {
        if (packed.Count == 0)
        {
            return new ModulePublishResult(ModulePublishOutcome.Published, [], alreadyPublished, ignored, null);
        }

        var container = storage.Blobs.GetContainer(ModuleStore.ArchiveContainer);
        await container.CreateIfNotExistsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var versions = new List<ModuleVersion>();
        try
        {
            foreach (var item in packed)
            {
                await using var file = File.OpenRead(item.File);
                var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
                file.Position = 0;
                var blob = $"{module.Organization}/{module.Name}/{module.System}/{item.Version}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tar.gz";
                var version = new ModuleVersion(module.Organization, module.Name, module.System, item.Version, sourceUrl is null ? null : GitSource.DisplayUrl(sourceUrl),
                    item.Tag, blob, sha256, file.Length, item.Files, now, publishedBy);
                versions.Add(version);
                await container.UploadAsync(blob, file, new Storage.Blobs.BlobUploadOptions { ContentType = "application/gzip" }, cancellationToken);
            }

            var taken = await store.PublishAsync(module.Organization, module.Name, module.System, description, versions, cancellationToken);
            if (taken.Count > 0)
            {
                await DeleteArchivesAsync(versions, CancellationToken.None);
                return ModulePublishResult.Conflict(AlreadyPublished(module, taken));
            }
        }
        catch
        {
            await DeleteArchivesAsync(versions, CancellationToken.None);
            throw;
        }

        versions.Sort((a, b) => ModuleVersionNumber.Comparer.Compare(b.Version, a.Version));
        return new ModulePublishResult(ModulePublishOutcome.Published, versions, alreadyPublished, ignored, null);
    }

    private static string AlreadyPublished(ModuleAddress module, IEnumerable<string> versions) =>
        $"Module {module} has version {string.Join(", ", versions)} already; published versions never change. Publish a new version, or delete that one first.";

    private sealed class PackedVersion(string version, string? tag, string file)
    {
        public string Version { get; } = version;

        public string? Tag { get; } = tag;

        public string File { get; } = file;

        public int Files { get; set; }
    }
}
