using System.Globalization;
using Microsoft.Data.Sqlite;
using Stratus.Storage.Queues;

namespace Stratus.Storage.Embedded;

/// <summary>
/// A queue as rows of <c>queue_messages</c>, ordered by (visible_at, id). Every write is a single SQL statement, so it
/// is atomic on its own and takes SQLite's write lock only for that statement; a receive claims its messages with one
/// <c>UPDATE … RETURNING</c>, so two receivers, in this process or another, never get the same message.
/// </summary>
internal sealed class EmbeddedQueueClient : IQueueClient
{
    private const long NeverExpires = long.MaxValue;

    private const string QueueExistsSql = "SELECT EXISTS (SELECT 1 FROM queues WHERE name = $q);";
    private const string CreateSql = "INSERT OR IGNORE INTO queues (name) VALUES ($q);";
    private const string DropSql = "DELETE FROM queues WHERE name = $q;";
    private const string DropMessagesSql = "DELETE FROM queue_messages WHERE queue = $q;";

    private const string SendSql = """
        INSERT INTO queue_messages (queue, message_id, pop, text, dequeue_count, inserted_at, expires_at, visible_at)
        SELECT $q, $mid, $pop, $text, 0, $now, $expires, $visible WHERE EXISTS (SELECT 1 FROM queues WHERE name = $q)
        RETURNING id;
        """;

    // One read tells an idle poller everything without taking the write lock: does the queue exist, is anything
    // visible, is anything expired. Visibility reads name their index: without statistics the planner may pick the
    // expiry index and walk every future (timer) message on each poll.
    private const string ProbeSql = """
        SELECT EXISTS (SELECT 1 FROM queues WHERE name = $q),
               EXISTS (SELECT 1 FROM queue_messages INDEXED BY queue_messages_visible WHERE queue = $q AND visible_at <= $now AND expires_at > $now),
               EXISTS (SELECT 1 FROM queue_messages WHERE queue = $q AND expires_at <= $now);
        """;

    private const string PurgeSql = "DELETE FROM queue_messages WHERE queue = $q AND expires_at <= $now;";

    // The IN subquery is uncorrelated, so SQLite evaluates it once, before any row changes.
    private const string ReceiveSql = """
        UPDATE queue_messages SET pop = random(), dequeue_count = dequeue_count + 1, visible_at = $visible
        WHERE id IN (
            SELECT id FROM queue_messages INDEXED BY queue_messages_visible
            WHERE queue = $q AND visible_at <= $now AND expires_at > $now
            ORDER BY visible_at, id LIMIT $limit)
        RETURNING id, message_id, pop, text, dequeue_count, inserted_at, expires_at;
        """;

    private const string PeekSql = """
        SELECT message_id, text, dequeue_count, inserted_at, expires_at FROM queue_messages INDEXED BY queue_messages_visible
        WHERE queue = $q AND visible_at <= $now AND expires_at > $now
        ORDER BY visible_at, id LIMIT $limit;
        """;

    private const string DeleteMessageSql = """
        DELETE FROM queue_messages WHERE id = $id AND queue = $q AND message_id = $mid AND pop = $pop AND expires_at > $now;
        """;

    private const string UpdateMessageSql = """
        UPDATE queue_messages SET pop = $newpop, visible_at = $visible, text = coalesce($text, text)
        WHERE id = $id AND queue = $q AND message_id = $mid AND pop = $pop AND expires_at > $now;
        """;

    private const string CountSql = """
        SELECT EXISTS (SELECT 1 FROM queues WHERE name = $q),
               (SELECT count(*) FROM queue_messages WHERE queue = $q AND expires_at > $now);
        """;

    private readonly EmbeddedDatabase _database;
    private readonly TimeProvider _clock;

    public EmbeddedQueueClient(EmbeddedDatabase database, TimeProvider clock, string name)
    {
        StorageNames.ValidateQueueName(name);
        _database = database;
        _clock = clock;
        Name = name;
    }

    public string Name { get; }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteStatementsAsync(connection => QueueCommand(connection, CreateSql).ExecuteNonQuery(), cancellationToken);

    public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            connection =>
            {
                var existed = QueueCommand(connection, DropSql).ExecuteNonQuery() > 0;
                QueueCommand(connection, DropMessagesSql).ExecuteNonQuery();
                return existed;
            },
            cancellationToken);

    public async Task<QueueMessageReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateText(text);
        QueueMessageValidator.ValidateSend(visibilityDelay, timeToLive);
        var messageId = Guid.NewGuid().ToString();
        var pop = NewPop();
        return await _database.WriteStatementsAsync(
            connection =>
            {
                var now = _clock.GetUtcNow();
                var visible = now + (visibilityDelay ?? TimeSpan.Zero);
                var ttl = timeToLive ?? StorageLimits.DefaultQueueMessageTtl;
                var command = QueueCommand(connection, SendSql);
                command.Parameters.AddWithValue("$mid", messageId);
                command.Parameters.AddWithValue("$pop", pop);
                command.Parameters.AddWithValue("$text", text);
                command.Parameters.AddWithValue("$now", now.UtcTicks);

                // A TTL past the end of the calendar (e.g. TimeSpan.MaxValue) cannot be added to now; it never expires either.
                command.Parameters.AddWithValue("$expires", ttl == Timeout.InfiniteTimeSpan || ttl >= DateTimeOffset.MaxValue - now ? NeverExpires : (now + ttl).UtcTicks);
                command.Parameters.AddWithValue("$visible", visible.UtcTicks);
                var id = command.ExecuteScalar() ?? throw EmbeddedErrors.QueueNotFound(Name);
                return new QueueMessageReceipt(messageId, PopReceipt(Convert.ToInt64(id, CultureInfo.InvariantCulture), pop), visible);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateBatch(maxMessages);
        QueueMessageValidator.ValidateReceiveVisibility(visibilityTimeout);
        var (visible, expired) = await _database.ReadAsync(connection => Probe(connection, _clock.GetUtcNow().UtcTicks), cancellationToken);
        if (!visible && !expired)
        {
            return [];
        }

        return await _database.WriteStatementsAsync<IReadOnlyList<QueueMessage>>(
            connection =>
            {
                var now = _clock.GetUtcNow();
                if (expired)
                {
                    var purge = QueueCommand(connection, PurgeSql);
                    purge.Parameters.AddWithValue("$now", now.UtcTicks);
                    purge.ExecuteNonQuery();
                }

                if (!visible)
                {
                    return [];
                }

                var nextVisible = now + visibilityTimeout;
                var command = QueueCommand(connection, ReceiveSql);
                command.Parameters.AddWithValue("$now", now.UtcTicks);
                command.Parameters.AddWithValue("$visible", nextVisible.UtcTicks);
                command.Parameters.AddWithValue("$limit", maxMessages);
                var received = new List<(long Id, QueueMessage Message)>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var id = reader.GetInt64(0);
                        received.Add((id, new QueueMessage(
                            reader.GetString(1),
                            PopReceipt(id, reader.GetInt64(2)),
                            reader.GetString(3),
                            reader.GetInt64(4),
                            Time(reader.GetInt64(5)),
                            Expiry(reader.GetInt64(6)),
                            nextVisible)));
                    }
                }

                // RETURNING yields rows in no particular order; ids follow insertion order.
                received.Sort((a, b) => a.Id.CompareTo(b.Id));
                return received.ConvertAll(r => r.Message);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        QueueMessageValidator.ValidateBatch(maxMessages);
        return await _database.ReadAsync<IReadOnlyList<PeekedQueueMessage>>(
            connection =>
            {
                var command = QueueCommand(connection, PeekSql);
                command.Parameters.AddWithValue("$now", _clock.GetUtcNow().UtcTicks);
                command.Parameters.AddWithValue("$limit", maxMessages);
                var messages = new List<PeekedQueueMessage>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        messages.Add(new PeekedQueueMessage(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), Time(reader.GetInt64(3)), Expiry(reader.GetInt64(4))));
                    }
                }

                if (messages.Count == 0)
                {
                    EnsureQueue(connection);
                }

                return messages;
            },
            cancellationToken);
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(popReceipt);
        if (!TryParsePopReceipt(popReceipt, out var id, out var pop))
        {
            await _database.ReadAsync(connection => EnsureQueue(connection), cancellationToken);
            throw EmbeddedErrors.MessageNotFound(Name, messageId);
        }

        await _database.WriteStatementsAsync(
            connection =>
            {
                var command = MessageCommand(connection, DeleteMessageSql, id, messageId, pop, _clock.GetUtcNow().UtcTicks);
                if (command.ExecuteNonQuery() == 0)
                {
                    EnsureQueue(connection);
                    throw EmbeddedErrors.MessageNotFound(Name, messageId);
                }

                return true;
            },
            cancellationToken);
    }

    public async Task<QueueMessageReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(popReceipt);
        QueueMessageValidator.ValidateVisibility(visibilityTimeout);
        if (text is not null)
        {
            QueueMessageValidator.ValidateText(text);
        }

        if (!TryParsePopReceipt(popReceipt, out var id, out var pop))
        {
            await _database.ReadAsync(connection => EnsureQueue(connection), cancellationToken);
            throw EmbeddedErrors.MessageNotFound(Name, messageId);
        }

        var newPop = NewPop();
        return await _database.WriteStatementsAsync(
            connection =>
            {
                var now = _clock.GetUtcNow();
                var visible = now + visibilityTimeout;
                var command = MessageCommand(connection, UpdateMessageSql, id, messageId, pop, now.UtcTicks);
                command.Parameters.AddWithValue("$newpop", newPop);
                command.Parameters.AddWithValue("$visible", visible.UtcTicks);
                command.Parameters.AddWithValue("$text", (object?)text ?? DBNull.Value);
                if (command.ExecuteNonQuery() == 0)
                {
                    EnsureQueue(connection);
                    throw EmbeddedErrors.MessageNotFound(Name, messageId);
                }

                return new QueueMessageReceipt(messageId, PopReceipt(id, newPop), visible);
            },
            cancellationToken);
    }

    public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(
            connection =>
            {
                var command = QueueCommand(connection, CountSql);
                command.Parameters.AddWithValue("$now", _clock.GetUtcNow().UtcTicks);
                using var reader = command.ExecuteReader();
                reader.Read();
                return reader.GetInt64(0) != 0 ? checked((int)reader.GetInt64(1)) : throw EmbeddedErrors.QueueNotFound(Name);
            },
            cancellationToken);

    private static long NewPop() => Random.Shared.NextInt64(long.MinValue, long.MaxValue);

    /// <summary>The pop receipt carries the row id, so deletes and updates find the row by primary key.</summary>
    private static string PopReceipt(long id, long pop) => $"{id:x16}{pop:x16}";

    private static bool TryParsePopReceipt(string popReceipt, out long id, out long pop)
    {
        id = 0;
        pop = 0;
        return popReceipt.Length == 32
            && long.TryParse(popReceipt.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id)
            && long.TryParse(popReceipt.AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out pop);
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static DateTimeOffset? Expiry(long ticks) => ticks == NeverExpires ? null : Time(ticks);

    private (bool Visible, bool Expired) Probe(EmbeddedConnection connection, long now)
    {
        var command = QueueCommand(connection, ProbeSql);
        command.Parameters.AddWithValue("$now", now);
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.GetInt64(0) == 0)
        {
            throw EmbeddedErrors.QueueNotFound(Name);
        }

        return (reader.GetInt64(1) != 0, reader.GetInt64(2) != 0);
    }

    private bool EnsureQueue(EmbeddedConnection connection) =>
        Convert.ToInt64(QueueCommand(connection, QueueExistsSql).ExecuteScalar(), CultureInfo.InvariantCulture) != 0
            ? true
            : throw EmbeddedErrors.QueueNotFound(Name);

    private SqliteCommand MessageCommand(EmbeddedConnection connection, string sql, long id, string messageId, long pop, long now)
    {
        var command = QueueCommand(connection, sql);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$mid", messageId);
        command.Parameters.AddWithValue("$pop", pop);
        command.Parameters.AddWithValue("$now", now);
        return command;
    }

    private SqliteCommand QueueCommand(EmbeddedConnection connection, string sql)
    {
        var command = connection.Command(sql);
        command.Parameters.AddWithValue("$q", Name);
        return command;
    }
}
