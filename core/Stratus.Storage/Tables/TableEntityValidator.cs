namespace Stratus.Storage.Tables;

/// <summary>Checks entities and transactions against the Table service's limits before anything is sent or written.</summary>
internal static class TableEntityValidator
{
    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        StorageNames.ValidateKey(entity.PartitionKey, "PartitionKey");
        StorageNames.ValidateKey(entity.RowKey, "RowKey");
        if (entity.Count > StorageLimits.MaxTablePropertyCount)
        {
            throw new InvalidStorageRequestException(
                "TooManyProperties",
                $"The entity has {entity.Count} properties; the limit is {StorageLimits.MaxTablePropertyCount}. Group related values into one property.");
        }

        foreach (var (name, value) in entity)
        {
            StorageNames.ValidatePropertyName(name);
            switch (value)
            {
                case string s when s.Length > StorageLimits.MaxTableStringChars:
                    throw new InvalidStorageRequestException(
                        "PropertyValueTooLarge",
                        $"Property '{name}' holds {s.Length} characters; a table string holds at most {StorageLimits.MaxTableStringChars}. Store large text in a blob.");
                case byte[] b when b.Length > StorageLimits.MaxTableBinaryBytes:
                    throw new InvalidStorageRequestException(
                        "PropertyValueTooLarge",
                        $"Property '{name}' holds {b.Length} bytes; a table binary holds at most {StorageLimits.MaxTableBinaryBytes}. Store large payloads in a blob.");
            }
        }

        var size = EstimateSize(entity);
        if (size > StorageLimits.MaxTableEntityBytes)
        {
            throw new InvalidStorageRequestException(
                "EntityTooLarge",
                $"The entity ({entity.PartitionKey}, {entity.RowKey}) is about {size} bytes; the limit is {StorageLimits.MaxTableEntityBytes}. Store large values in a blob.",
                413);
        }
    }

    public static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > StorageLimits.MaxTransactionActions)
        {
            throw new InvalidStorageRequestException(
                "InvalidInput",
                $"A transaction holds 1–{StorageLimits.MaxTransactionActions} actions; this one has {actions.Count}. Split it into several transactions.");
        }

        var partition = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new InvalidStorageRequestException(
                    "CommandsInBatchActOnDifferentPartitions",
                    $"Action {i} targets partition '{entity.PartitionKey}' but the transaction is for '{partition}'. A transaction covers one partition only.")
                { FailedActionIndex = i };
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new InvalidStorageRequestException(
                    "InvalidDuplicateRow",
                    $"Action {i} targets row '{entity.RowKey}' a second time. A transaction may touch each entity once.")
                { FailedActionIndex = i };
            }

            if (actions[i].Type == TableTransactionActionType.Delete)
            {
                StorageNames.ValidateKey(entity.PartitionKey, "PartitionKey");
                StorageNames.ValidateKey(entity.RowKey, "RowKey");
            }
            else
            {
                Validate(entity);
            }

            total += EstimateSize(entity);
        }

        if (total > StorageLimits.MaxTransactionBytes)
        {
            throw new InvalidStorageRequestException(
                "RequestBodyTooLarge",
                $"The transaction is about {total} bytes; the limit is {StorageLimits.MaxTransactionBytes}. Split it into several transactions.",
                413);
        }
    }

    /// <summary>The service's published formula for an entity's size.</summary>
    public static long EstimateSize(TableEntity entity)
    {
        long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        foreach (var (name, value) in entity)
        {
            size += 8 + (name.Length * 2L) + value switch
            {
                string s => (s.Length * 2L) + 4,
                byte[] b => b.Length + 4L,
                bool => 1,
                int => 4,
                Guid => 16,
                _ => 8,
            };
        }

        return size;
    }
}
