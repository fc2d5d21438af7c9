using Microsoft.Data.Sqlite;

namespace Stratus.Storage.Embedded;

/// <summary>
/// One open SQLite connection with its prepared commands. Commands are cached by SQL text so the hot statements are
/// prepared once per connection instead of once per call; transactions are plain cached statements for the same reason.
/// </summary>
internal sealed class EmbeddedConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public EmbeddedConnection(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();

        // SQLite's own busy handler waits with short back-off; without it Microsoft.Data.Sqlite retries every 150 ms.
        // NORMAL is crash-safe in WAL mode and avoids an fsync per commit.
        Execute("PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
    }

    /// <summary>Set when a statement failed in a way that may leave the connection unusable; it is then not pooled.</summary>
    public bool Broken { get; set; }

    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
#pragma warning disable CA2100 // Every SQL text comes from constants in this folder; values are always bound as parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>Takes the database's write lock now rather than at the first write, so reads inside see final data.</summary>
    public void BeginImmediate() => Execute("BEGIN IMMEDIATE;");

    public void Commit() => Execute("COMMIT;");

    public void Rollback()
    {
        try
        {
            Execute("ROLLBACK;");
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); the connection is then suspect.
            Broken = true;
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection.Dispose();
    }
}
