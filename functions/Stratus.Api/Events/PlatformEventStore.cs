using System.Globalization;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Api.Events;

/// <summary>
/// Events in one table, partitioned by target so listing a target's history is a partition scan, newest first: the
/// row key starts with inverted ticks. The row key is derived from the event alone, so recording twice is a no-op.
/// </summary>
internal sealed class PlatformEventStore(IStorageAccount storage)
{
    public const string TableName = "stratusevents";

    private readonly ITableClient _table = storage.Tables.GetTable(TableName);

    public async Task RecordAsync(PlatformEvent e, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(e.Target, RowKey(e))
        {
            { "Id", e.Id },
            { "Kind", e.Kind },
            { "Actor", e.Actor },
            { "At", e.At },
            { "Status", e.Status },
            { "Data", e.Data },
        };
        try
        {
            await InsertCreatingTableAsync(entity, cancellationToken);
        }
        catch (ResourceConflictException)
        {
            // A redelivered message: the event is already recorded.
        }
    }

    // The table exists after the first event, so it is created only when an insert says it is missing.
    private async Task InsertCreatingTableAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _table.InsertAsync(entity, cancellationToken);
        }
        catch (ResourceNotFoundException ex) when (ex.ErrorCode == "TableNotFound")
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            await _table.InsertAsync(entity, cancellationToken);
        }
    }

    public async Task<(IReadOnlyList<PlatformEvent> Events, string? Continuation)> ListAsync(string target, int limit, string? continuation, CancellationToken cancellationToken)
    {
        try
        {
            var page = await _table.QueryAsync(new TableQuery { PartitionKey = target, PageSize = limit }, continuation, cancellationToken);
            return (page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
        }
        catch (ResourceNotFoundException)
        {
            return ([], null);
        }
    }

    private static string RowKey(PlatformEvent e) =>
        (DateTimeOffset.MaxValue.UtcTicks - e.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + e.Id.ToString("N");

    private static PlatformEvent FromEntity(TableEntity entity) => new(
        entity.GetGuid("Id") ?? Guid.Empty,
        entity.GetString("Kind") ?? string.Empty,
        entity.PartitionKey,
        entity.GetString("Actor") ?? string.Empty,
        entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        entity.GetString("Status") ?? string.Empty,
        entity.GetString("Data"));
}
