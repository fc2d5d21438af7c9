using System.Text.Json;
using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// An organization's private providers. Rows live in <c>StratusProviderRegistry</c>, one partition per organization:
/// <c>p|&lt;type&gt;</c> per provider and <c>v|&lt;type&gt;|&lt;version&gt;</c> per version (its protocols, platforms and
/// checksums). Files live in the <c>registry-providers</c> container, in a fresh folder per publish: the zips,
/// SHA256SUMS and its signature are all written before the version row, which is the commit point, so a publish that
/// fails or loses a race leaves nothing anyone can see (and its folder is removed).
/// </summary>
public sealed class ProviderRegistryStore(IStorageAccount storage, ProviderSigningKeyStore keys, TimeProvider time)
{
    public const string TableName = "StratusProviderRegistry";
    public const string ContainerName = "registry-providers";

    /// <summary>The platforms one version may have (HashiCorp's own providers ship about fifteen).</summary>
    public const int MaxPlatforms = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly IBlobContainerClient _container = storage.Blobs.GetContainer(ContainerName);
    private readonly InfraTable _ensure = new();
    private Task? _containerCreated;

    /// <summary>
    /// Checks every zip (name, type, version, platform, content), then stores them with a SHA256SUMS signed by the
    /// organization's key (made now if this is its first publish).
    /// </summary>
    /// <exception cref="ProviderPublishException">A zip or the protocols are not acceptable; nothing was stored.</exception>
    /// <exception cref="ProviderVersionConflictException">The version exists; nothing was stored.</exception>
    public async Task<ProviderVersion> PublishAsync(
        string organization, string type, IReadOnlyList<ProviderPackageUpload> packages, IReadOnlyList<string> protocols, string actor,
        ProviderPackageLimits limits, CancellationToken cancellationToken)
    {
        var names = await CheckAsync(type, packages, limits, cancellationToken);
        var version = names[0].Version;
        if (protocols.Count == 0)
        {
            throw new ProviderPublishException("Name at least one protocol version (5.0 for plugin SDK v2 providers, 6.0 for the plugin framework).");
        }

        await EnsureStorageAsync(cancellationToken);
        if (await GetVersionAsync(organization, type, version, cancellationToken) is not null)
        {
            throw Conflict(organization, type, version);
        }

        var platforms = new List<ProviderPlatform>();
        for (var i = 0; i < packages.Count; i++)
        {
            var content = packages[i].Content;
            content.Position = 0;
            platforms.Add(new ProviderPlatform(names[i].Os, names[i].Arch, names[i].FileName, await ProviderFiles.Sha256HexAsync(content, cancellationToken), content.Length));
        }

        var secrets = await keys.GetOrCreateSecretsAsync(organization, cancellationToken);
        var now = time.GetUtcNow();
        var shasums = ProviderFiles.Shasums(platforms);
        var signature = secrets.SignDetached(shasums, now);
        var published = new ProviderVersion(organization, type, version, protocols, platforms.OrderBy(p => p.FileName, StringComparer.Ordinal).ToList(), secrets.PublicKey.KeyId, now, actor)
        {
            Folder = $"{organization}/{type}/{version}/{Guid.NewGuid():N}",
        };

        try
        {
            for (var i = 0; i < packages.Count; i++)
            {
                packages[i].Content.Position = 0;
                await _container.UploadAsync($"{published.Folder}/{names[i].FileName}", packages[i].Content, new BlobUploadOptions { ContentType = "application/zip" }, cancellationToken);
            }

            await _container.UploadAsync($"{published.Folder}/{published.ShasumsFileName}", new MemoryStream(shasums), new BlobUploadOptions { ContentType = "text/plain" }, cancellationToken);
            await _container.UploadAsync($"{published.Folder}/{published.SignatureFileName}", new MemoryStream(signature), new BlobUploadOptions { ContentType = "application/octet-stream" }, cancellationToken);
            await InsertProviderAsync(organization, type, actor, now, cancellationToken);
            await _table.InsertAsync(ToEntity(published), cancellationToken);
            return published;
        }
        catch (ResourceConflictException)
        {
            await DeleteFolderAsync(published.Folder);
            throw Conflict(organization, type, version);
        }
        catch
        {
            await DeleteFolderAsync(published.Folder);
            throw;
        }
    }

    public async Task<Provider?> GetAsync(string organization, string type, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, ProviderRow(type), cancellationToken) is { } row ? ProviderOf(organization, row) : null;
    }

    public async Task<InfraPage<Provider>> ListAsync(string organization, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(TableQuery.RowKeyPrefix(organization, "p|") with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new InfraPage<Provider>(page.Items.Select(row => ProviderOf(organization, row)).ToList(), page.ContinuationToken);
    }

    /// <summary>Every version of a provider, newest first.</summary>
    public async Task<IReadOnlyList<ProviderVersion>> ListVersionsAsync(string organization, string type, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.RowKeyPrefix(organization, VersionPrefix(type)), cancellationToken);
        return rows.Select(row => VersionOf(organization, row)).OrderBy(v => v.Version, ProviderVersionOrder.NewestFirst).ToList();
    }

    public async Task<ProviderVersion?> GetVersionAsync(string organization, string type, string version, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, VersionPrefix(type) + version, cancellationToken) is { } row ? VersionOf(organization, row) : null;
    }

    /// <summary>Opens one of a version's files (a zip, SHA256SUMS or its signature).</summary>
    /// <returns>The open blob, or <c>null</c> if the version has no file of that name.</returns>
    public async Task<BlobDownload?> OpenFileAsync(ProviderVersion version, string fileName, CancellationToken cancellationToken)
    {
        if (fileName != version.ShasumsFileName && fileName != version.SignatureFileName && version.Platforms.All(p => p.FileName != fileName))
        {
            return null;
        }

        try
        {
            return await _container.DownloadAsync($"{version.Folder}/{fileName}", cancellationToken: cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <returns><c>false</c> if there was no such version.</returns>
    public async Task<bool> DeleteVersionAsync(string organization, string type, string version, CancellationToken cancellationToken)
    {
        if (await GetVersionAsync(organization, type, version, cancellationToken) is not { } found)
        {
            return false;
        }

        try
        {
            await _table.DeleteAsync(organization, VersionPrefix(type) + version, Azure.ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }

        await DeleteFolderAsync(found.Folder);
        return true;
    }

    /// <summary>Removes a provider with every version and file.</summary>
    /// <returns><c>false</c> if the organization has no such provider.</returns>
    public async Task<bool> DeleteAsync(string organization, string type, CancellationToken cancellationToken)
    {
        var versions = await ListVersionsAsync(organization, type, cancellationToken);
        foreach (var version in versions)
        {
            await DeleteVersionAsync(organization, type, version.Version, cancellationToken);
        }

        try
        {
            await _table.DeleteAsync(organization, ProviderRow(type), Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return versions.Count > 0;
        }
    }

    private static async Task<IReadOnlyList<ProviderPackageName>> CheckAsync(string type, IReadOnlyList<ProviderPackageUpload> packages, ProviderPackageLimits limits, CancellationToken cancellationToken)
    {
        if (ProviderNames.TypeProblem(type) is { } typeProblem)
        {
            throw new ProviderPublishException(typeProblem);
        }

        if (packages.Count == 0)
        {
            throw new ProviderPublishException($"Upload at least one zip named {ProviderPackageName.Prefix}{type}_<version>_<os>_<arch>.zip.");
        }

        if (packages.Count > MaxPlatforms)
        {
            throw new ProviderPublishException($"{packages.Count} zips were uploaded; a version may have at most {MaxPlatforms} platforms.");
        }

        var names = new List<ProviderPackageName>();
        foreach (var package in packages)
        {
            var name = ProviderPackageName.Parse(package.FileName, out var problem) ?? throw new ProviderPublishException(problem!);
            if (name.Type != type)
            {
                throw new ProviderPublishException($"{package.FileName} is a package of provider '{name.Type}', not '{type}'.");
            }

            if (names.Count > 0 && name.Version != names[0].Version)
            {
                throw new ProviderPublishException($"{package.FileName} is version {name.Version} but {names[0].FileName} is {names[0].Version}; publish one version at a time.");
            }

            if (names.Any(n => n.Os == name.Os && n.Arch == name.Arch))
            {
                throw new ProviderPublishException($"{package.FileName} is uploaded twice; send one zip per platform.");
            }

            package.Content.Position = 0;
            if (await ProviderPackageCheck.ProblemAsync(package.Content, name, limits, cancellationToken) is { } contentProblem)
            {
                throw new ProviderPublishException(contentProblem);
            }

            names.Add(name);
        }

        return names;
    }

    private async Task InsertProviderAsync(string organization, string type, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _table.InsertAsync(new TableEntity(organization, ProviderRow(type)) { ["Type"] = type, ["CreatedAt"] = now, ["CreatedBy"] = actor }, cancellationToken);
        }
        catch (ResourceConflictException)
        {
            // Published before: the provider keeps its first publisher and date.
        }
    }

    private async Task EnsureStorageAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var created = _containerCreated;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _containerCreated = _container.CreateIfNotExistsAsync(CancellationToken.None);
        }

        await created.WaitAsync(cancellationToken);
    }

    // Clean-up runs to the end even when the request that caused it was cancelled: it removes files nobody can see.
    private async Task DeleteFolderAsync(string folder)
    {
        string? token = null;
        do
        {
            var page = await _container.ListAsync(folder + "/", token, cancellationToken: CancellationToken.None);
            foreach (var blob in page.Items)
            {
                await _container.DeleteAsync(blob.Name, cancellationToken: CancellationToken.None);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    private static ProviderVersionConflictException Conflict(string organization, string type, string version) =>
        new($"Provider {organization}/{type} has version {version} already; versions cannot change once published (lock files pin their checksums). Publish a new version, or delete this one first.");

    private static string ProviderRow(string type) => "p|" + type;

    private static string VersionPrefix(string type) => $"v|{type}|";

    private static Provider ProviderOf(string organization, TableEntity row) =>
        new(organization, row.GetString("Type") ?? row.RowKey[2..], row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, row.GetString("CreatedBy") ?? "");

    private static TableEntity ToEntity(ProviderVersion version) => new(version.Organization, VersionPrefix(version.Type) + version.Version)
    {
        ["Type"] = version.Type,
        ["Version"] = version.Version,
        ["Protocols"] = string.Join(',', version.Protocols),
        ["Platforms"] = JsonSerializer.Serialize(version.Platforms, Json),
        ["KeyId"] = version.KeyId,
        ["Folder"] = version.Folder,
        ["PublishedAt"] = version.PublishedAt,
        ["PublishedBy"] = version.PublishedBy,
    };

    private static ProviderVersion VersionOf(string organization, TableEntity row) => new(
        organization,
        row.GetString("Type") ?? "",
        row.GetString("Version") ?? "",
        (row.GetString("Protocols") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        JsonSerializer.Deserialize<List<ProviderPlatform>>(row.GetString("Platforms") ?? "[]", Json) ?? [],
        row.GetString("KeyId") ?? "",
        row.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
        row.GetString("PublishedBy") ?? "")
    {
        Folder = row.GetString("Folder") ?? "",
    };
}
