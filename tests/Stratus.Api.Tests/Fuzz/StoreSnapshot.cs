using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Everything the embedded store holds, by key, read straight from its SQLite file (read-only; WAL readers never block
/// the API's writers): tables, entities (a hash of their properties: a write of the very same values, such as the app
/// event store's deliberate repair of an event's target copy, changes the ETag but not the data), blob containers,
/// blobs (ETag), queues and queue messages (text; dequeue counts and visibility are the listeners' bookkeeping).
/// </summary>
internal sealed record StoreSnapshot(
    IReadOnlySet<string> Tables,
    IReadOnlyDictionary<StoreKey, string> Entities,
    IReadOnlySet<string> Containers,
    IReadOnlyDictionary<StoreKey, string> Blobs,
    IReadOnlySet<string> Queues,
    IReadOnlyDictionary<StoreKey, string> Messages)
{
    public static StoreSnapshot Read(string dataPath)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "storage.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        // One read transaction: the six reads see the same committed state.
        using var transaction = connection.BeginTransaction(deferred: true);
        var tables = Strings(connection, "SELECT name_key FROM storage_tables;");
        var containers = Strings(connection, "SELECT name FROM blob_containers;");
        var queues = Strings(connection, "SELECT name FROM queues;");
        var entities = new Dictionary<StoreKey, string>();
        using (var command = Command(connection, "SELECT table_key, pk, rk, properties FROM table_entities;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                entities[new StoreKey(reader.GetString(0), Key((byte[])reader[1]), Key((byte[])reader[2]))] = Convert.ToBase64String(SHA256.HashData((byte[])reader[3]));
            }
        }

        var blobs = new Dictionary<StoreKey, string>();
        using (var command = Command(connection, "SELECT container, name, etag FROM blobs;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                blobs[new StoreKey(reader.GetString(0), Key((byte[])reader[1]), "")] = reader.GetString(2);
            }
        }

        var messages = new Dictionary<StoreKey, string>();
        using (var command = Command(connection, "SELECT queue, message_id, text FROM queue_messages;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                messages[new StoreKey(reader.GetString(0), reader.GetString(1), "")] = reader.GetString(2);
            }
        }

        return new StoreSnapshot(tables, entities, containers, blobs, queues, messages);
    }

    private static HashSet<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        using var reader = command.ExecuteReader();
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    // The embedded store keeps keys as UTF-16 big-endian (Stratus.Storage's EmbeddedKeys).
    private static string Key(byte[] bytes)
    {
        var chars = new char[bytes.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i * 2));
        }

        return new string(chars);
    }
}

/// <summary>Where a row lives: table (or container, or queue), then its keys.</summary>
internal readonly record struct StoreKey(string Scope, string First, string Second)
{
    public override string ToString() => Second.Length == 0 ? $"{Scope}/{First}" : $"{Scope}/{First}/{Second}";
}
