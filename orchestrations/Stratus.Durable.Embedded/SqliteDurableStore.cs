using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;

namespace Stratus.Durable.Embedded;

/// <summary>
/// The SQLite file: schema, the writer connection, start-up recovery and the read side (state, history, queries).
/// Reads use pooled read-only connections; WAL lets them run beside the single writer without blocking it.
/// </summary>
internal sealed class SqliteDurableStore(string databasePath)
{
    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS instances(
            instance_id TEXT NOT NULL PRIMARY KEY,
            execution_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            completed_at INTEGER NOT NULL,
            last_updated_at INTEGER NOT NULL,
            state TEXT NOT NULL,
            input TEXT NULL,
            output TEXT NULL);
        CREATE INDEX IF NOT EXISTS instances_by_created ON instances(created_at);
        CREATE TABLE IF NOT EXISTS history(
            instance_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            execution_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY(instance_id, sequence));
        CREATE TABLE IF NOT EXISTS orchestration_messages(
            sequence INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            payload TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS activity_messages(
            sequence INTEGER PRIMARY KEY,
            instance_id TEXT NOT NULL,
            payload TEXT NOT NULL);
        """;

    private readonly string _writeConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    private readonly string _readConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
    }.ToString();

    public string DatabasePath { get; } = databasePath;

    /// <summary>
    /// Opens the writer connection: WAL (readers never block the writer) with synchronous=NORMAL, which survives a
    /// process crash (kill -9) because committed frames are in the WAL file even before they are fsync'd.
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_writeConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; " + Schema;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Everything pending after a restart: all of it is redelivered, including what a dead process had locked.</summary>
    public RecoveredWork Recover(SqliteConnection writer)
    {
        var orchestrationMessages = new List<QueuedOrchestrationMessage>();
        var activityMessages = new List<QueuedActivityMessage>();
        long lastSequence = 0;
        using (var command = writer.CreateCommand())
        {
            command.CommandText = "SELECT sequence, instance_id, visible_at, payload FROM orchestration_messages ORDER BY sequence";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var sequence = reader.GetInt64(0);
                lastSequence = Math.Max(lastSequence, sequence);
                orchestrationMessages.Add(new QueuedOrchestrationMessage(
                    sequence, reader.GetString(1), reader.GetInt64(2), PayloadSerializer.Deserialize<TaskMessage>(reader.GetString(3))));
            }
        }

        using (var command = writer.CreateCommand())
        {
            command.CommandText = "SELECT sequence, payload FROM activity_messages ORDER BY sequence";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var sequence = reader.GetInt64(0);
                lastSequence = Math.Max(lastSequence, sequence);
                activityMessages.Add(new QueuedActivityMessage(sequence, PayloadSerializer.Deserialize<TaskMessage>(reader.GetString(1))));
            }
        }

        return new RecoveredWork(orchestrationMessages, activityMessages, lastSequence);
    }

    /// <summary>Rebuilds an instance's replayable state (cold path; warm instances skip this).</summary>
    public OrchestrationRuntimeState LoadRuntimeState(string instanceId)
    {
        using var connection = OpenReader();
        var events = ReadHistory(connection, instanceId);
        var state = new OrchestrationRuntimeState(events);
        if (events.Count > 0)
        {
            // Custom status is not part of history; carry it from the instance row like DTFx backends do.
            state.Status = ReadInstance(connection, instanceId, fetchPayloads: false)?.Status;
        }

        return state;
    }

    public List<HistoryEvent> ReadHistory(string instanceId)
    {
        using var connection = OpenReader();
        return ReadHistory(connection, instanceId);
    }

    public OrchestrationState? ReadInstance(string instanceId, bool fetchPayloads)
    {
        using var connection = OpenReader();
        return ReadInstance(connection, instanceId, fetchPayloads);
    }

    /// <summary>Keyset paging on instance id: the continuation token is the last id of the previous page.</summary>
    public OrchestrationQueryResult Query(OrchestrationQuery query)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT state");
        sql.Append(query.FetchInputsAndOutputs ? ", input, output" : ", NULL, NULL");
        sql.Append(" FROM instances WHERE 1 = 1");
        if (query.RuntimeStatus is { Count: > 0 } statuses)
        {
            sql.Append(" AND status IN (")
                .AppendJoin(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))
                .Append(')');
        }

        if (query.CreatedTimeFrom is { } from)
        {
            sql.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", UtcTicks.From(from));
        }

        if (query.CreatedTimeTo is { } to)
        {
            sql.Append(" AND created_at <= $to");
            command.Parameters.AddWithValue("$to", UtcTicks.From(to));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            // The range start uses the primary-key index; substr makes the match exact (LIKE would be case-insensitive).
            sql.Append(" AND instance_id >= $prefix AND substr(instance_id, 1, length($prefix)) = $prefix");
            command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
        }

        if (!string.IsNullOrEmpty(query.ContinuationToken))
        {
            sql.Append(" AND instance_id > $after");
            command.Parameters.AddWithValue("$after", DecodeToken(query.ContinuationToken));
        }

        var pageSize = query.PageSize > 0 ? query.PageSize : 100;
        sql.Append(" ORDER BY instance_id LIMIT $limit");
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        command.CommandText = sql.ToString();

        var page = new List<OrchestrationState>(pageSize);
        var hasMore = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (page.Count == pageSize)
                {
                    hasMore = true;
                    break;
                }

                page.Add(ToState(reader));
            }
        }

        var token = hasMore ? EncodeToken(page[^1].OrchestrationInstance.InstanceId) : null;
        return new OrchestrationQueryResult(page, token);
    }

    private static string EncodeToken(string instanceId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(instanceId));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("The continuation token was not issued by this store.", nameof(token), exception);
        }
    }

    private static List<HistoryEvent> ReadHistory(SqliteConnection connection, string instanceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM history WHERE instance_id = $id ORDER BY sequence";
        command.Parameters.AddWithValue("$id", instanceId);
        using var reader = command.ExecuteReader();
        var events = new List<HistoryEvent>();
        while (reader.Read())
        {
            events.Add(PayloadSerializer.Deserialize<HistoryEvent>(reader.GetString(0)));
        }

        return events;
    }

    private static OrchestrationState? ReadInstance(SqliteConnection connection, string instanceId, bool fetchPayloads)
    {
        using var command = connection.CreateCommand();
        command.CommandText = fetchPayloads
            ? "SELECT state, input, output FROM instances WHERE instance_id = $id"
            : "SELECT state, NULL, NULL FROM instances WHERE instance_id = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ToState(reader) : null;
    }

    private static OrchestrationState ToState(SqliteDataReader reader)
    {
        var state = PayloadSerializer.Deserialize<OrchestrationState>(reader.GetString(0));
        state.Input = reader.IsDBNull(1) ? null : reader.GetString(1);
        state.Output = reader.IsDBNull(2) ? null : reader.GetString(2);
        return state;
    }

    /// <summary>Closes idle pooled read connections so the file is really released when the service closes.</summary>
    public void ReleasePooledReaders()
    {
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }
}
