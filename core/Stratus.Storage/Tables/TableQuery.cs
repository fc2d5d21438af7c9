namespace Stratus.Storage.Tables;

/// <summary>
/// A query: an optional partition, an optional row-key range (<see cref="RowKeyFrom"/> inclusive,
/// <see cref="RowKeyTo"/> exclusive), an optional property filter, a page size (1–1000) and an optional projection.
/// A query without a partition scans the whole table; request paths should not do that.
/// </summary>
public sealed record TableQuery
{
    public string? PartitionKey { get; init; }

    public string? RowKeyFrom { get; init; }

    public string? RowKeyTo { get; init; }

    public TableFilter? Filter { get; init; }

    public int PageSize { get; init; } = StorageLimits.MaxTablePageSize;

    /// <summary>Property names to return (PartitionKey, RowKey and Timestamp always come back). <c>null</c> returns all.</summary>
    public IReadOnlyList<string>? Select { get; init; }

    public static TableQuery Partition(string partitionKey) => new() { PartitionKey = partitionKey };

    /// <summary>Every row of a partition whose row key starts with <paramref name="prefix"/>.</summary>
    public static TableQuery RowKeyPrefix(string partitionKey, string prefix) => new()
    {
        PartitionKey = partitionKey,
        RowKeyFrom = prefix,
        RowKeyTo = prefix.Length == 0 ? null : PrefixUpperBound(prefix),
    };

    /// <summary>The filter that the partition, row-key range and property filter add up to.</summary>
    public TableFilter? ToCombinedFilter()
    {
        TableFilter? combined = null;
        if (PartitionKey is not null)
        {
            combined = TableFilter.Compare(TableFilter.PartitionKeyProperty, ComparisonOperator.Equal, PartitionKey);
        }

        if (RowKeyFrom is not null)
        {
            combined = TableFilter.AndOptional(combined, TableFilter.Compare(TableFilter.RowKeyProperty, ComparisonOperator.GreaterThanOrEqual, RowKeyFrom));
        }

        if (RowKeyTo is not null)
        {
            combined = TableFilter.AndOptional(combined, TableFilter.Compare(TableFilter.RowKeyProperty, ComparisonOperator.LessThan, RowKeyTo));
        }

        return Filter is null ? combined : TableFilter.AndOptional(combined, Filter);
    }

    internal void Validate()
    {
        if (PageSize is < 1 or > StorageLimits.MaxTablePageSize)
        {
            throw new InvalidStorageRequestException("InvalidInput", $"PageSize must be between 1 and {StorageLimits.MaxTablePageSize}; it was {PageSize}.");
        }

        if (PartitionKey is not null)
        {
            StorageNames.ValidateKey(PartitionKey, "PartitionKey");
        }

        foreach (var name in Select ?? [])
        {
            StorageNames.ValidatePropertyName(name);
        }
    }

    private static string PrefixUpperBound(string prefix)
    {
        var last = prefix[^1];
        return last == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(last + 1);
    }
}
