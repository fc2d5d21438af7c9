using System.Globalization;
using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>
/// Deletes finished instances (row and history). Only completed, failed, terminated or canceled instances are purged,
/// and only while no work item holds them or has messages waiting, so a purge never races a running episode.
/// </summary>
internal sealed class PurgeInstancesOperation : DurableWriteOperation
{
    private readonly DispatchQueues _queues;
    private readonly string? _instanceId;
    private readonly string _timeColumn;
    private readonly DateTime? _from;
    private readonly DateTime? _to;
    private readonly IReadOnlyCollection<OrchestrationStatus> _statuses;
    private readonly List<string> _purged = [];

    private PurgeInstancesOperation(
        DispatchQueues queues, string? instanceId, string timeColumn, DateTime? from, DateTime? to, IEnumerable<OrchestrationStatus>? statuses)
    {
        _queues = queues;
        _instanceId = instanceId;
        _timeColumn = timeColumn;
        _from = from;
        _to = to;
        var terminal = new[] { OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled };
        _statuses = statuses is null ? terminal : [.. statuses.Where(OrchestrationStatuses.IsTerminal).Distinct()];
    }

    public int PurgedCount => _purged.Count;

    public static PurgeInstancesOperation ById(DispatchQueues queues, string instanceId) =>
        new(queues, instanceId, "created_at", null, null, null);

    public static PurgeInstancesOperation ByFilter(DispatchQueues queues, PurgeInstanceFilter filter) =>
        new(queues, null, "created_at", filter.CreatedTimeFrom, filter.CreatedTimeTo, filter.RuntimeStatus);

    public static PurgeInstancesOperation OlderThan(DispatchQueues queues, DateTime threshold, OrchestrationStateTimeRangeFilterType filterType) =>
        new(
            queues,
            null,
            filterType switch
            {
                OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
                OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => "last_updated_at",
                _ => "created_at",
            },
            null,
            threshold,
            null);

    public override void Apply(WriteStatements statements)
    {
        if (_statuses.Count == 0)
        {
            return;
        }

        foreach (var instanceId in SelectCandidates(statements))
        {
            if (_queues.Sessions.TryBeginPurge(instanceId))
            {
                _purged.Add(instanceId);
                statements.DeleteHistory(instanceId);
                statements.DeleteInstance(instanceId);
            }
        }
    }

    public override void OnCommitted()
    {
        foreach (var instanceId in _purged)
        {
            _queues.WarmInstances.Remove(instanceId);
            _queues.Sessions.EndPurge(instanceId);
        }
    }

    public override void OnFailed()
    {
        foreach (var instanceId in _purged)
        {
            _queues.Sessions.EndPurge(instanceId);
        }

        _purged.Clear();
    }

    private List<string> SelectCandidates(WriteStatements statements)
    {
        using var command = statements.Connection.CreateCommand();
        command.Transaction = statements.Transaction;
        var statusList = string.Join(", ", _statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        var sql = $"SELECT instance_id FROM instances WHERE status IN ({statusList})";
        if (_instanceId is not null)
        {
            sql += " AND instance_id = $id";
            command.Parameters.AddWithValue("$id", _instanceId);
        }

        if (_from is { } from)
        {
            sql += $" AND {_timeColumn} >= $from";
            command.Parameters.AddWithValue("$from", UtcTicks.From(from));
        }

        if (_to is { } to)
        {
            sql += $" AND {_timeColumn} <= $to";
            command.Parameters.AddWithValue("$to", UtcTicks.From(to));
        }

        command.CommandText = sql;
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
