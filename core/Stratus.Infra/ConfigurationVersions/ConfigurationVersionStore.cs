using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.ConfigurationVersions;

/// <summary>
/// Configuration versions in <c>StratusConfigurationVersions</c>, one partition per id: every request names a version
/// by its id alone (the upload URL, the run that uses it), so a point read finds it.
/// </summary>
public sealed class ConfigurationVersionStore(IStorageAccount storage)
{
    public const string TableName = "StratusConfigurationVersions";
    private const string RowKey = "cv";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    public async Task CreateAsync(ConfigurationVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.InsertAsync(ToEntity(version), cancellationToken);
    }

    public async Task<ConfigurationVersion?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(id, RowKey, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Records the upload once: a second upload (a replay of the URL) finds the version uploaded and changes nothing.</summary>
    /// <returns>The uploaded version, or <c>null</c> when it does not exist or was uploaded before.</returns>
    public async Task<ConfigurationVersion?> MarkUploadedAsync(string id, string archiveBlob, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        if (await _table.GetAsync(id, RowKey, cancellationToken) is not { } entity || FromEntity(entity) is not { Status: ConfigurationVersion.Pending } pending)
        {
            return null;
        }

        var uploaded = pending with { Status = ConfigurationVersion.Uploaded, ArchiveBlob = archiveBlob };
        try
        {
            await _table.ReplaceAsync(ToEntity(uploaded), entity.ETag, cancellationToken);
            return uploaded;
        }
        catch (PreconditionFailedException)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(ConfigurationVersion v) => new(v.Id, RowKey)
    {
        ["Organization"] = v.Organization,
        ["Workspace"] = v.Workspace,
        ["Status"] = v.Status,
        ["Speculative"] = v.Speculative,
        ["UploadSecretSha256"] = v.UploadSecretSha256,
        ["ArchiveBlob"] = v.ArchiveBlob,
        ["CreatedAt"] = v.CreatedAt,
        ["CreatedBy"] = v.CreatedBy,
    };

    private static ConfigurationVersion FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Organization") ?? "",
        e.GetString("Workspace") ?? "",
        e.GetString("Status") ?? ConfigurationVersion.Pending,
        e.GetBoolean("Speculative") ?? false,
        e.GetString("UploadSecretSha256") ?? "",
        e.GetString("ArchiveBlob"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CreatedBy") ?? "");
}
