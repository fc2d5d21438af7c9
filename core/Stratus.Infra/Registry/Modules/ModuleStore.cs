using Azure;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Registry.Modules;

/// <summary>
/// Private registry modules in <c>StratusModules</c>, one partition per organization: a module row
/// (<c>m:{name}:{system}</c>, with its newest version and version count) and one row per version
/// (<c>v:{name}:{system}:{version}</c>). A publish writes its versions and the module row in one entity-group
/// transaction, so it lands whole or not at all; the module row's ETag makes concurrent publishes of one module take
/// turns instead of miscounting.
/// </summary>
public sealed class ModuleStore(IStorageAccount storage)
{
    public const string TableName = "StratusModules";

    /// <summary>The blob container holding the re-packed archives.</summary>
    public const string ArchiveContainer = "stratus-modules";

    /// <summary>Versions one publish may add: one transaction holds 100 actions, one of which is the module row.</summary>
    public const int MaxVersionsPerPublish = 99;

    private const int Attempts = 5;
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    /// <summary>Adds versions to a module, creating the module when it is new.</summary>
    /// <returns>The versions (of those given) that the module already had, and nothing written; or none, and all written.</returns>
    public async Task<IReadOnlyList<string>> PublishAsync(
        string organization, string name, string system, string? description, IReadOnlyList<ModuleVersion> versions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(versions.Count, MaxVersionsPerPublish);
        ArgumentOutOfRangeException.ThrowIfZero(versions.Count);
        await _ensure.EnsureAsync(_table, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await ListVersionsAsync(organization, name, system, cancellationToken);
            var taken = versions.Select(v => v.Version).Intersect(existing.Select(v => v.Version), StringComparer.Ordinal).ToList();
            if (taken.Count > 0)
            {
                return taken;
            }

            var module = await _table.GetAsync(organization, ModuleKey(name, system), cancellationToken);
            var all = existing.Select(v => v.Version).Concat(versions.Select(v => v.Version)).ToList();
            var latest = all.Max(ModuleVersionNumber.Comparer)!;
            var row = new TableEntity(organization, ModuleKey(name, system))
            {
                ["Name"] = name,
                ["System"] = system,
                ["Description"] = description ?? module?.GetString("Description"),
                ["Source"] = versions.LastOrDefault(v => v.Source is not null)?.Source ?? module?.GetString("Source"),
                ["LatestVersion"] = latest,
                ["VersionCount"] = all.Count,
                ["UpdatedAt"] = versions.Max(v => v.PublishedAt),
            };
            var actions = new List<TableTransactionAction>
            {
                module is null ? TableTransactionAction.Insert(row) : TableTransactionAction.Replace(row, module.ETag),
            };
            actions.AddRange(versions.Select(v => TableTransactionAction.Insert(ToEntity(v))));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return [];
            }
            catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException && attempt < Attempts)
            {
                // Another publish of this module won the race: read again, then either report its versions or retry.
            }
        }
    }

    public async Task<RegistryModule?> GetModuleAsync(string organization, string name, string system, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, ModuleKey(name, system), cancellationToken) is { } row ? ModuleFromEntity(row) : null;
    }

    public async Task<InfraPage<RegistryModule>> ListModulesAsync(string organization, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(TableQuery.RowKeyPrefix(organization, "m:") with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new InfraPage<RegistryModule>(page.Items.Select(ModuleFromEntity).ToList(), page.ContinuationToken);
    }

    /// <summary>Every module of an organization (for the protocol's list and search, which page by offset).</summary>
    public async Task<IReadOnlyList<RegistryModule>> ListAllModulesAsync(string organization, CancellationToken cancellationToken)
    {
        var modules = new List<RegistryModule>();
        string? continuation = null;
        do
        {
            var page = await ListModulesAsync(organization, StorageLimits.MaxTablePageSize, continuation, cancellationToken);
            modules.AddRange(page.Items);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return modules;
    }

    /// <summary>A module's versions, newest first by semver precedence.</summary>
    public async Task<IReadOnlyList<ModuleVersion>> ListVersionsAsync(string organization, string name, string system, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var versions = new List<ModuleVersion>();
        string? continuation = null;
        do
        {
            var page = await _table.QueryAsync(TableQuery.RowKeyPrefix(organization, VersionPrefix(name, system)), continuation, cancellationToken);
            versions.AddRange(page.Items.Select(VersionFromEntity));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        versions.Sort((a, b) => ModuleVersionNumber.Comparer.Compare(b.Version, a.Version));
        return versions;
    }

    public async Task<ModuleVersion?> GetVersionAsync(string organization, string name, string system, string version, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, VersionPrefix(name, system) + version, cancellationToken) is { } row ? VersionFromEntity(row) : null;
    }

    /// <summary>Removes one version; the module goes with its last version.</summary>
    /// <returns>The removed version (so its archive can be deleted), or null if there was none.</returns>
    public async Task<ModuleVersion?> DeleteVersionAsync(string organization, string name, string system, string version, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await ListVersionsAsync(organization, name, system, cancellationToken);
            var removed = existing.FirstOrDefault(v => v.Version == version);
            var module = await _table.GetAsync(organization, ModuleKey(name, system), cancellationToken);
            if (removed is null || module is null)
            {
                return null;
            }

            var remaining = existing.Where(v => v.Version != version).ToList();
            var actions = new List<TableTransactionAction> { TableTransactionAction.Delete(organization, VersionPrefix(name, system) + version, ETag.All) };
            if (remaining.Count == 0)
            {
                actions.Add(TableTransactionAction.Delete(organization, module.RowKey, module.ETag));
            }
            else
            {
                var row = module.Clone();
                row["LatestVersion"] = remaining[0].Version;
                row["VersionCount"] = remaining.Count;
                actions.Add(TableTransactionAction.Replace(row, module.ETag));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return removed;
            }
            catch (Exception ex) when (ex is ResourceNotFoundException or PreconditionFailedException && attempt < Attempts)
            {
                // A concurrent publish or delete changed the module: read again.
            }
        }
    }

    /// <summary>Removes a module and all its versions.</summary>
    /// <returns>The removed versions (so their archives can be deleted), or null if there was no such module.</returns>
    public async Task<IReadOnlyList<ModuleVersion>?> DeleteModuleAsync(string organization, string name, string system, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        if (await _table.GetAsync(organization, ModuleKey(name, system), cancellationToken) is null)
        {
            return null;
        }

        var versions = await ListVersionsAsync(organization, name, system, cancellationToken);
        foreach (var chunk in versions.Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk.Select(v => TableTransactionAction.Delete(organization, VersionPrefix(name, system) + v.Version, ETag.All)).ToList(), cancellationToken);
        }

        try
        {
            await _table.DeleteAsync(organization, ModuleKey(name, system), ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // A concurrent delete got there first.
        }

        return versions;
    }

    private static string ModuleKey(string name, string system) => $"m:{name}:{system}";

    private static string VersionPrefix(string name, string system) => $"v:{name}:{system}:";

    private static TableEntity ToEntity(ModuleVersion v) => new(v.Organization, VersionPrefix(v.Name, v.System) + v.Version)
    {
        ["Name"] = v.Name,
        ["System"] = v.System,
        ["Version"] = v.Version,
        ["Source"] = v.Source,
        ["Tag"] = v.Tag,
        ["ArchiveBlob"] = v.ArchiveBlob,
        ["Sha256"] = v.Sha256,
        ["Size"] = v.Size,
        ["Files"] = v.Files,
        ["PublishedAt"] = v.PublishedAt,
        ["PublishedBy"] = v.PublishedBy,
    };

    private static ModuleVersion VersionFromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetString("Name") ?? "", e.GetString("System") ?? "", e.GetString("Version") ?? "", e.GetString("Source"), e.GetString("Tag"),
        e.GetString("ArchiveBlob") ?? "", e.GetString("Sha256") ?? "", e.GetInt64("Size") ?? 0, e.GetInt32("Files") ?? 0,
        e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue, e.GetString("PublishedBy") ?? "");

    private static RegistryModule ModuleFromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetString("Name") ?? "", e.GetString("System") ?? "", e.GetString("Description"), e.GetString("Source"),
        e.GetString("LatestVersion") ?? "", e.GetInt32("VersionCount") ?? 0, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
