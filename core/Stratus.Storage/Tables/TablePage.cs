namespace Stratus.Storage.Tables;

/// <summary>One page of query results. <see cref="ContinuationToken"/> is opaque; <c>null</c> means the query is done.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
