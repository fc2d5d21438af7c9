using System.Globalization;
using Stratus.Storage.Tables;

namespace Stratus.Infra.State;

/// <summary>
/// The rows of one workspace's partition (<c>{org}|{ws}</c>) in <see cref="StateStore.TableName"/>:
/// <list type="bullet">
/// <item><c>current</c>: the latest version's metadata, plus <c>Deleted</c> when the state was deleted; every write replaces it with its ETag;</item>
/// <item><c>lock</c>: <c>Held</c> and terraform's lock info; it stays once created (unlocking clears <c>Held</c>), so a write can check it in its transaction;</item>
/// <item><c>version-{inverted number}</c>: one per version, newest first in row-key order.</item>
/// </list>
/// </summary>
internal static class StateRows
{
    public const string PointerRow = "current";
    public const string LockRow = "lock";
    public const string VersionPrefix = "version-";
    public const long MaxVersion = 9_999_999_999;

    private const string Held = "Held";
    private const string Deleted = "Deleted";

    public static string PartitionKey(string organization, string workspace) => $"{organization}|{workspace}";

    public static string VersionRowKey(long number) => VersionPrefix + (MaxVersion - number).ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity VersionEntity(string partitionKey, string rowKey, StateVersion version)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Version"] = version.Number,
            ["Serial"] = version.Serial,
            ["Lineage"] = version.Lineage,
            ["Size"] = version.Size,
            ["Sha256"] = version.Sha256,
            ["Md5"] = version.Md5,
            ["CreatedAt"] = version.CreatedAt,
            ["CreatedBy"] = version.CreatedBy,
            ["Source"] = version.Source,
            ["JobId"] = version.JobId,
            ["TerraformVersion"] = version.TerraformVersion,
            ["BlobName"] = version.BlobName,
        };
        if (version.RolledBackFrom is { } from)
        {
            entity["RolledBackFrom"] = from;
        }

        return entity;
    }

    public static TableEntity PointerEntity(string partitionKey, StateVersion version, bool deleted)
    {
        var entity = VersionEntity(partitionKey, PointerRow, version);
        entity[Deleted] = deleted;
        return entity;
    }

    public static StateVersion ToVersion(TableEntity entity) => new(
        entity.GetInt64("Version") ?? 0,
        entity.GetInt64("Serial") ?? 0,
        entity.GetString("Lineage") ?? "",
        entity.GetInt64("Size") ?? 0,
        entity.GetString("Sha256") ?? "",
        entity.GetString("Md5") ?? "",
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "",
        entity.GetString("Source") ?? StateSources.Backend,
        entity.GetString("JobId"),
        entity.GetInt64("RolledBackFrom"),
        entity.GetString("TerraformVersion"),
        entity.GetString("BlobName") ?? "");

    public static bool IsDeleted(TableEntity pointer) => pointer.GetBoolean(Deleted) ?? false;

    public static TableEntity HeldLockEntity(string partitionKey, StateLock held) => new(partitionKey, LockRow)
    {
        [Held] = true,
        ["LockId"] = held.Info.Id,
        ["Operation"] = held.Info.Operation,
        ["Info"] = held.Info.Info,
        ["Who"] = held.Info.Who,
        ["TerraformVersion"] = held.Info.Version,
        ["Created"] = held.Info.Created,
        ["Path"] = held.Info.Path,
        ["LockedBy"] = held.LockedBy,
        ["LockedAt"] = held.LockedAt,
    };

    public static TableEntity FreeLockEntity(string partitionKey) => new(partitionKey, LockRow) { [Held] = false };

    /// <returns>The held lock, or <c>null</c> when the row is missing or released.</returns>
    public static StateLock? ToLock(TableEntity? entity) =>
        entity is null || entity.GetBoolean(Held) != true
            ? null
            : new StateLock(
                new StateLockInfo(
                    entity.GetString("LockId") ?? "",
                    entity.GetString("Operation"),
                    entity.GetString("Info"),
                    entity.GetString("Who"),
                    entity.GetString("TerraformVersion"),
                    entity.GetString("Created"),
                    entity.GetString("Path")),
                entity.GetString("LockedBy") ?? "",
                entity.GetDateTimeOffset("LockedAt") ?? DateTimeOffset.MinValue);
}
