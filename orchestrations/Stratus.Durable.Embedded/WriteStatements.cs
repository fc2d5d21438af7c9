using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace Stratus.Durable.Embedded;

/// <summary>
/// The writer connection's statements, prepared once and reused for every batch (re-preparing SQL per write would
/// cost more than the write). Only the group-commit writer thread uses an instance.
/// </summary>
internal sealed class WriteStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _insertOrchestrationMessage;
    private readonly SqliteCommand _deleteOrchestrationMessage;
    private readonly SqliteCommand _insertActivityMessage;
    private readonly SqliteCommand _deleteActivityMessage;
    private readonly SqliteCommand _insertHistoryEvent;
    private readonly SqliteCommand _deleteHistory;
    private readonly SqliteCommand _upsertInstance;
    private readonly SqliteCommand _readInstanceStatus;
    private readonly SqliteCommand _deleteInstance;
    private SqliteTransaction? _transaction;
    private long _lastSequence;

    public WriteStatements(SqliteConnection connection, long lastSequence)
    {
        _connection = connection;
        _lastSequence = lastSequence;
        _insertOrchestrationMessage = Prepare(
            "INSERT INTO orchestration_messages(sequence, instance_id, visible_at, payload) VALUES ($seq, $id, $visible, $payload)",
            ("$seq", SqliteType.Integer), ("$id", SqliteType.Text), ("$visible", SqliteType.Integer), ("$payload", SqliteType.Text));
        _deleteOrchestrationMessage = Prepare("DELETE FROM orchestration_messages WHERE sequence = $seq", ("$seq", SqliteType.Integer));
        _insertActivityMessage = Prepare(
            "INSERT INTO activity_messages(sequence, instance_id, payload) VALUES ($seq, $id, $payload)",
            ("$seq", SqliteType.Integer), ("$id", SqliteType.Text), ("$payload", SqliteType.Text));
        _deleteActivityMessage = Prepare("DELETE FROM activity_messages WHERE sequence = $seq", ("$seq", SqliteType.Integer));
        _insertHistoryEvent = Prepare(
            "INSERT INTO history(instance_id, sequence, execution_id, payload) VALUES ($id, $seq, $execution, $payload)",
            ("$id", SqliteType.Text), ("$seq", SqliteType.Integer), ("$execution", SqliteType.Text), ("$payload", SqliteType.Text));
        _deleteHistory = Prepare("DELETE FROM history WHERE instance_id = $id", ("$id", SqliteType.Text));
        _upsertInstance = Prepare(
            """
            INSERT INTO instances(instance_id, execution_id, status, created_at, completed_at, last_updated_at, state, input, output)
            VALUES ($id, $execution, $status, $created, $completed, $updated, $state, $input, $output)
            ON CONFLICT(instance_id) DO UPDATE SET
                execution_id = excluded.execution_id, status = excluded.status, created_at = excluded.created_at,
                completed_at = excluded.completed_at, last_updated_at = excluded.last_updated_at, state = excluded.state,
                input = excluded.input, output = excluded.output
            """,
            ("$id", SqliteType.Text), ("$execution", SqliteType.Text), ("$status", SqliteType.Integer), ("$created", SqliteType.Integer),
            ("$completed", SqliteType.Integer), ("$updated", SqliteType.Integer), ("$state", SqliteType.Text), ("$input", SqliteType.Text),
            ("$output", SqliteType.Text));
        _readInstanceStatus = Prepare("SELECT status FROM instances WHERE instance_id = $id", ("$id", SqliteType.Text));
        _deleteInstance = Prepare("DELETE FROM instances WHERE instance_id = $id", ("$id", SqliteType.Text));
    }

    public SqliteConnection Connection => _connection;

    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No batch transaction is open.");

    /// <summary>Message sequence numbers are allocated here (single writer), so a message's key is known before commit.</summary>
    public long NextSequence() => ++_lastSequence;

    public void BeginBatch(SqliteTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }
    }

    public void InsertOrchestrationMessage(long sequence, string instanceId, long visibleAtTicks, string payload) =>
        Execute(_insertOrchestrationMessage, sequence, instanceId, visibleAtTicks, payload);

    public void DeleteOrchestrationMessage(long sequence) => Execute(_deleteOrchestrationMessage, sequence);

    public void InsertActivityMessage(long sequence, string instanceId, string payload) => Execute(_insertActivityMessage, sequence, instanceId, payload);

    /// <summary>Returns false when the row was already gone (a duplicate completion), so its response is not enqueued twice.</summary>
    public bool DeleteActivityMessage(long sequence) => Execute(_deleteActivityMessage, sequence) > 0;

    public void InsertHistoryEvent(string instanceId, int sequence, string executionId, HistoryEvent historyEvent) =>
        Execute(_insertHistoryEvent, instanceId, sequence, executionId, PayloadSerializer.Serialize(historyEvent));

    public void DeleteHistory(string instanceId) => Execute(_deleteHistory, instanceId);

    public void DeleteInstance(string instanceId) => Execute(_deleteInstance, instanceId);

    public OrchestrationStatus? ReadInstanceStatus(string instanceId)
    {
        _readInstanceStatus.Parameters[0].Value = instanceId;
        return _readInstanceStatus.ExecuteScalar() is long status ? (OrchestrationStatus)status : null;
    }

    /// <summary>Writes the queryable instance row; input and output live in their own columns so listings can skip them.</summary>
    public void UpsertInstance(OrchestrationState state)
    {
        var input = state.Input;
        var output = state.Output;
        state.Input = null;
        state.Output = null;
        string stateJson;
        try
        {
            stateJson = PayloadSerializer.Serialize(state);
        }
        finally
        {
            state.Input = input;
            state.Output = output;
        }

        Execute(
            _upsertInstance,
            state.OrchestrationInstance.InstanceId,
            state.OrchestrationInstance.ExecutionId ?? "",
            (long)state.OrchestrationStatus,
            UtcTicks.From(state.CreatedTime),
            UtcTicks.From(state.CompletedTime),
            UtcTicks.From(state.LastUpdatedTime),
            stateJson,
            input,
            output);
    }

    /// <summary>
    /// Commits a message to an orchestration instance. A start message also registers the instance as Pending when it
    /// has no row yet or only a finished one, so sub-orchestrations are visible to queries before their first episode.
    /// </summary>
    public QueuedOrchestrationMessage AppendOrchestrationMessage(TaskMessage message, DateTime nowUtc, bool registerStartedInstance)
    {
        var instanceId = message.OrchestrationInstance.InstanceId;
        long visibleAt = message.Event switch
        {
            TimerFiredEvent timer => UtcTicks.From(timer.FireAt),
            ExecutionStartedEvent { ScheduledStartTime: { } startAt } => UtcTicks.From(startAt),
            _ => 0,
        };

        if (registerStartedInstance && message.Event is ExecutionStartedEvent started)
        {
            var existing = ReadInstanceStatus(instanceId);
            if (existing is null || OrchestrationStatuses.IsTerminal(existing.Value))
            {
                UpsertInstance(PendingInstanceState.From(started, nowUtc));
            }
        }

        var sequence = NextSequence();
        InsertOrchestrationMessage(sequence, instanceId, visibleAt, PayloadSerializer.Serialize(message));
        return new QueuedOrchestrationMessage(sequence, instanceId, visibleAt, message);
    }

    public QueuedActivityMessage AppendActivityMessage(TaskMessage message)
    {
        var sequence = NextSequence();
        InsertActivityMessage(sequence, message.OrchestrationInstance.InstanceId, PayloadSerializer.Serialize(message));
        return new QueuedActivityMessage(sequence, message);
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        _commands.Add(command);
        return command;
    }

    private static int Execute(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }
}
