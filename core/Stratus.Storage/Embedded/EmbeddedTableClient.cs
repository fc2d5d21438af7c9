using Azure;
using Microsoft.Data.Sqlite;
using Stratus.Storage.Tables;

namespace Stratus.Storage.Embedded;

internal sealed class EmbeddedTableClient : ITableClient
{
    // A filtered query reads at most this many rows per page, then returns what it has with a token, as the service does.
    private const int MaxRowsScannedPerPage = 5000;
    private const int MinFilteredChunk = 256;

    private const string TableExistsSql = "SELECT EXISTS (SELECT 1 FROM storage_tables WHERE name_key = $t);";
    private const string CreateSql = "INSERT OR IGNORE INTO storage_tables (name_key, name) VALUES ($t, $name);";
    private const string DropSql = "DELETE FROM storage_tables WHERE name_key = $t;";
    private const string DropEntitiesSql = "DELETE FROM table_entities WHERE table_key = $t;";
    private const string GetSql = "SELECT etag, timestamp, properties FROM table_entities WHERE table_key = $t AND pk = $pk AND rk = $rk;";
    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM table_entities WHERE table_key = $t AND pk = $pk AND rk = $rk);";

    // Folding the table check into the write keeps the common path to one statement; a miss is diagnosed afterwards.
    private const string InsertSql = """
        INSERT OR IGNORE INTO table_entities (table_key, pk, rk, etag, timestamp, properties)
        SELECT $t, $pk, $rk, $etag, $ts, $props WHERE EXISTS (SELECT 1 FROM storage_tables WHERE name_key = $t);
        """;

    private const string UpsertSql = """
        INSERT INTO table_entities (table_key, pk, rk, etag, timestamp, properties)
        SELECT $t, $pk, $rk, $etag, $ts, $props WHERE EXISTS (SELECT 1 FROM storage_tables WHERE name_key = $t)
        ON CONFLICT (table_key, pk, rk) DO UPDATE SET etag = excluded.etag, timestamp = excluded.timestamp, properties = excluded.properties;
        """;

    private const string ReplaceSql = """
        UPDATE table_entities SET etag = $etag, timestamp = $ts, properties = $props
        WHERE table_key = $t AND pk = $pk AND rk = $rk AND ($match IS NULL OR etag = $match);
        """;

    private const string DeleteSql = "DELETE FROM table_entities WHERE table_key = $t AND pk = $pk AND rk = $rk AND ($match IS NULL OR etag = $match);";

    private readonly EmbeddedDatabase _database;
    private readonly TimeProvider _clock;
    private readonly string _key;

    public EmbeddedTableClient(EmbeddedDatabase database, TimeProvider clock, string name)
    {
        StorageNames.ValidateTableName(name);
        _database = database;
        _clock = clock;
        Name = name;

        // Table names are case-insensitive in Azure Storage.
        _key = name.ToLowerInvariant();
    }

    public string Name { get; }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteStatementsAsync(
            connection =>
            {
                var command = connection.Command(CreateSql);
                command.Parameters.AddWithValue("$t", _key);
                command.Parameters.AddWithValue("$name", Name);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            connection =>
            {
                var drop = connection.Command(DropSql);
                drop.Parameters.AddWithValue("$t", _key);
                var existed = drop.ExecuteNonQuery() > 0;
                var entities = connection.Command(DropEntitiesSql);
                entities.Parameters.AddWithValue("$t", _key);
                entities.ExecuteNonQuery();
                return existed;
            },
            cancellationToken);

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateKey(partitionKey, "PartitionKey");
        StorageNames.ValidateKey(rowKey, "RowKey");
        var pk = EmbeddedKeys.Encode(partitionKey);
        var rk = EmbeddedKeys.Encode(rowKey);
        return await _database.ReadAsync<TableEntity?>(
            connection =>
            {
                var command = KeyCommand(connection, GetSql, pk, rk);
                using (var reader = command.ExecuteReader())
                {
                    if (reader.Read())
                    {
                        return EmbeddedCodec.DecodeEntity(partitionKey, rowKey, reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
                    }
                }

                return TableExists(connection) ? null : throw EmbeddedErrors.TableNotFound(Name);
            },
            cancellationToken);
    }

    public Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        WriteOneAsync(TableTransactionActionType.Insert, entity, ETag.All, cancellationToken);

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) =>
        WriteOneAsync(TableTransactionActionType.Replace, entity, ifMatch, cancellationToken);

    public Task<ETag> MergeAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) =>
        WriteOneAsync(TableTransactionActionType.Merge, entity, ifMatch, cancellationToken);

    public Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteOneAsync(mode == TableUpdateMode.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.UpsertMerge, entity, ETag.All, cancellationToken);

    public async Task DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateKey(partitionKey, "PartitionKey");
        StorageNames.ValidateKey(rowKey, "RowKey");
        var entity = new TableEntity(partitionKey, rowKey);
        var now = _clock.GetUtcNow().UtcTicks;
        await _database.WriteAsync(connection => Apply(connection, TableTransactionActionType.Delete, entity, ifMatch, now, null), cancellationToken);
    }

    public async Task<TablePage> QueryAsync(TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        EmbeddedTableCursor? start = null;
        if (continuationToken is not null)
        {
            var keys = EmbeddedKeys.DecodeToken(continuationToken, 2);
            start = new EmbeddedTableCursor(keys[0], keys[1], Inclusive: true);
            if (query.PartitionKey is not null && !keys[0].AsSpan().SequenceEqual(EmbeddedKeys.Encode(query.PartitionKey)))
            {
                throw new InvalidStorageRequestException("InvalidInput", "The continuation token belongs to a query on another partition; pass the token from this query's previous page.");
            }
        }

        return await _database.ReadAsync(connection => QueryPage(connection, query, start), cancellationToken);
    }

    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableEntityValidator.ValidateTransaction(actions);
        var now = _clock.GetUtcNow().UtcTicks;
        return await _database.WriteAsync(
            connection =>
            {
                if (!TableExists(connection))
                {
                    throw EmbeddedErrors.TableNotFound(Name, 0);
                }

                var results = new ETag?[actions.Count];
                for (var i = 0; i < actions.Count; i++)
                {
                    results[i] = Apply(connection, actions[i].Type, actions[i].Entity, actions[i].EffectiveIfMatch, now, i);
                }

                return (IReadOnlyList<ETag?>)results;
            },
            cancellationToken);
    }

    private static bool IsUnconditional(ETag ifMatch) => ifMatch == default || ifMatch == ETag.All;

    private static SqliteCommand EntityCommand(EmbeddedConnection connection, string sql, string table, byte[] pk, byte[] rk, string etag, long timestamp, byte[] properties)
    {
        var command = connection.Command(sql);
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$pk", pk);
        command.Parameters.AddWithValue("$rk", rk);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$ts", timestamp);
        command.Parameters.AddWithValue("$props", properties);
        return command;
    }

    private async Task<ETag> WriteOneAsync(TableTransactionActionType type, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken)
    {
        TableEntityValidator.Validate(entity);
        var now = _clock.GetUtcNow().UtcTicks;
        var etag = await _database.WriteAsync(connection => Apply(connection, type, entity, ifMatch, now, null), cancellationToken);
        return etag!.Value;
    }

    /// <summary>One write, inside the caller's transaction. Returns the new ETag, or <c>null</c> for a delete.</summary>
    private ETag? Apply(EmbeddedConnection connection, TableTransactionActionType type, TableEntity entity, ETag ifMatch, long now, int? index)
    {
        var pk = EmbeddedKeys.Encode(entity.PartitionKey);
        var rk = EmbeddedKeys.Encode(entity.RowKey);
        var etag = EmbeddedETags.NewEntityETag();
        var match = IsUnconditional(ifMatch) ? null : ifMatch.ToString();
        switch (type)
        {
            case TableTransactionActionType.Insert:
                if (EntityCommand(connection, InsertSql, _key, pk, rk, etag, now, EmbeddedCodec.EncodeProperties(entity)).ExecuteNonQuery() == 0)
                {
                    throw TableExists(connection)
                        ? EmbeddedErrors.EntityAlreadyExists(Name, entity.PartitionKey, entity.RowKey, index)
                        : EmbeddedErrors.TableNotFound(Name, index);
                }

                break;

            case TableTransactionActionType.UpsertReplace:
                if (EntityCommand(connection, UpsertSql, _key, pk, rk, etag, now, EmbeddedCodec.EncodeProperties(entity)).ExecuteNonQuery() == 0)
                {
                    throw EmbeddedErrors.TableNotFound(Name, index);
                }

                break;

            case TableTransactionActionType.Replace:
                var replace = EntityCommand(connection, ReplaceSql, _key, pk, rk, etag, now, EmbeddedCodec.EncodeProperties(entity));
                replace.Parameters.AddWithValue("$match", (object?)match ?? DBNull.Value);
                if (replace.ExecuteNonQuery() == 0)
                {
                    throw Diagnose(connection, entity, pk, rk, index);
                }

                break;

            case TableTransactionActionType.Merge:
            case TableTransactionActionType.UpsertMerge:
                Merge(connection, type, entity, pk, rk, etag, match, now, index);
                break;

            case TableTransactionActionType.Delete:
                var delete = KeyCommand(connection, DeleteSql, pk, rk);
                delete.Parameters.AddWithValue("$match", (object?)match ?? DBNull.Value);
                if (delete.ExecuteNonQuery() == 0)
                {
                    throw Diagnose(connection, entity, pk, rk, index);
                }

                return null;

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown table action.");
        }

        return new ETag(etag);
    }

    private void Merge(EmbeddedConnection connection, TableTransactionActionType type, TableEntity entity, byte[] pk, byte[] rk, string etag, string? match, long now, int? index)
    {
        TableEntity? stored = null;
        using (var reader = KeyCommand(connection, GetSql, pk, rk).ExecuteReader())
        {
            if (reader.Read())
            {
                stored = EmbeddedCodec.DecodeEntity(entity.PartitionKey, entity.RowKey, reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }
        }

        if (stored is null)
        {
            if (type == TableTransactionActionType.Merge)
            {
                throw TableExists(connection) ? EmbeddedErrors.EntityNotFound(Name, entity.PartitionKey, entity.RowKey, index) : EmbeddedErrors.TableNotFound(Name, index);
            }

            if (EntityCommand(connection, InsertSql, _key, pk, rk, etag, now, EmbeddedCodec.EncodeProperties(entity)).ExecuteNonQuery() == 0)
            {
                throw EmbeddedErrors.TableNotFound(Name, index);
            }

            return;
        }

        if (type == TableTransactionActionType.Merge && match is not null && !string.Equals(stored.ETag.ToString(), match, StringComparison.Ordinal))
        {
            throw EmbeddedErrors.EntityChanged(Name, entity.PartitionKey, entity.RowKey, index);
        }

        foreach (var (name, value) in entity)
        {
            stored[name] = value;
        }

        var update = EntityCommand(connection, ReplaceSql, _key, pk, rk, etag, now, EmbeddedCodec.EncodeProperties(stored));
        update.Parameters.AddWithValue("$match", DBNull.Value);
        update.ExecuteNonQuery();
    }

    /// <summary>Why a conditional write matched no row: no table, no entity, or another ETag.</summary>
    private StorageException Diagnose(EmbeddedConnection connection, TableEntity entity, byte[] pk, byte[] rk, int? index)
    {
        if (!TableExists(connection))
        {
            return EmbeddedErrors.TableNotFound(Name, index);
        }

        var exists = Convert.ToInt64(KeyCommand(connection, ExistsSql, pk, rk).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
        return exists
            ? EmbeddedErrors.EntityChanged(Name, entity.PartitionKey, entity.RowKey, index)
            : EmbeddedErrors.EntityNotFound(Name, entity.PartitionKey, entity.RowKey, index);
    }

    private bool TableExists(EmbeddedConnection connection)
    {
        var command = connection.Command(TableExistsSql);
        command.Parameters.AddWithValue("$t", _key);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private SqliteCommand KeyCommand(EmbeddedConnection connection, string sql, byte[] pk, byte[] rk)
    {
        var command = connection.Command(sql);
        command.Parameters.AddWithValue("$t", _key);
        command.Parameters.AddWithValue("$pk", pk);
        command.Parameters.AddWithValue("$rk", rk);
        return command;
    }

    /// <summary>
    /// Reads one page in (PartitionKey, RowKey) order, in chunks so a large partition is never loaded at once. The
    /// token names the next row to read.
    /// </summary>
    private TablePage QueryPage(EmbeddedConnection connection, TableQuery query, EmbeddedTableCursor? start)
    {
        var partition = query.PartitionKey is null ? null : EmbeddedKeys.Encode(query.PartitionKey);
        var from = query.RowKeyFrom is null ? null : EmbeddedKeys.Encode(query.RowKeyFrom);
        var to = query.RowKeyTo is null ? null : EmbeddedKeys.Encode(query.RowKeyTo);
        var chunk = query.Filter is null ? query.PageSize + 1 : Math.Max(query.PageSize + 1, MinFilteredChunk);
        var items = new List<TableEntity>();
        var scanned = 0;
        var cursor = start;
        while (true)
        {
            var command = EmbeddedTableQuerySql.Build(connection, _key, partition, from, to, cursor, chunk);
            var rows = 0;
            byte[]? lastPk = null;
            byte[]? lastRk = null;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows++;
                    var pk = reader.GetFieldValue<byte[]>(0);
                    var rk = reader.GetFieldValue<byte[]>(1);
                    if (items.Count == query.PageSize || scanned == MaxRowsScannedPerPage)
                    {
                        return new TablePage(items, EmbeddedKeys.EncodeToken(pk, rk));
                    }

                    scanned++;
                    lastPk = pk;
                    lastRk = rk;
                    var entity = EmbeddedCodec.DecodeEntity(
                        query.PartitionKey ?? EmbeddedKeys.Decode(pk),
                        EmbeddedKeys.Decode(rk),
                        reader.GetString(2),
                        reader.GetInt64(3),
                        reader.GetFieldValue<byte[]>(4),
                        query.Filter is null ? query.Select : null);
                    if (query.Filter is null)
                    {
                        items.Add(entity);
                    }
                    else if (query.Filter.Matches(entity))
                    {
                        items.Add(query.Select is null ? entity : Project(entity, query.Select));
                    }
                }
            }

            if (rows < chunk)
            {
                return new TablePage(items, null);
            }

            cursor = new EmbeddedTableCursor(lastPk!, lastRk!, Inclusive: false);
        }
    }

    private static TableEntity Project(TableEntity entity, IReadOnlyList<string> select)
    {
        var projected = new TableEntity(entity.PartitionKey, entity.RowKey) { ETag = entity.ETag, Timestamp = entity.Timestamp };
        foreach (var name in select)
        {
            if (entity[name] is { } value)
            {
                projected[name] = value;
            }
        }

        return projected;
    }
}
