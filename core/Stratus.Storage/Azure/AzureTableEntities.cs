using Stratus.Storage.Tables;
using SdkTableEntity = Azure.Data.Tables.TableEntity;

namespace Stratus.Storage.Azure;

/// <summary>The port's entities to and from the SDK's dictionary entities; the SDK does the OData type annotations.</summary>
internal static class AzureTableEntities
{
    public static SdkTableEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkTableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity)
        {
            sdk[name] = value;
        }

        return sdk;
    }

    public static TableEntity FromSdk(SdkTableEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey ?? string.Empty, sdk.RowKey ?? string.Empty)
        {
            ETag = sdk.ETag,
            Timestamp = sdk.Timestamp,
        };
        foreach (var (name, value) in sdk)
        {
            if (value is null || name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal)
                || name.EndsWith("@odata.type", StringComparison.Ordinal))
            {
                continue;
            }

            entity[name] = value is BinaryData binary ? binary.ToArray() : value;
        }

        return entity;
    }
}
