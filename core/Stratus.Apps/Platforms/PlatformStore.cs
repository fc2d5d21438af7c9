using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Platforms;

/// <summary>Platforms in <c>StratusPlatforms</c>: a name and the base image source builds start from.</summary>
public sealed class PlatformStore(IStorageAccount storage, TimeProvider time) : CatalogStore<Platform>(storage, time, TableName, "platform")
{
    public const string TableName = "StratusPlatforms";

    protected override string NameOf(Platform item) => item.Name;

    protected override string? NameProblem(string name) => AppNames.PlatformProblem(name);

    protected override string? Problem(Platform item) => item.Problem();

    protected override DateTimeOffset CreatedAt(Platform item) => item.CreatedAt;

    protected override Platform Stamped(Platform item, string name, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        item with { Name = name, CreatedAt = createdAt, UpdatedAt = updatedAt };

    protected override TableEntity ToEntity(string partition, Platform p) => new(partition, p.Name)
    {
        ["Image"] = p.Image,
        ["Disabled"] = p.Disabled,
        ["CreatedAt"] = p.CreatedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    protected override Platform FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Image") ?? "",
        e.GetBoolean("Disabled") ?? false,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
