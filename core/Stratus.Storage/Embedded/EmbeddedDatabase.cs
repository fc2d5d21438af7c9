using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Stratus.Storage.Embedded;

/// <summary>
/// The SQLite file behind one <see cref="EmbeddedStorageAccount"/>: a small pool of open connections and a write queue.
/// Several accounts and processes may open the same file; SQLite's file locks (WAL, <c>BEGIN IMMEDIATE</c>,
/// <c>busy_timeout</c>) order their writes, the queue only keeps this instance's writers from spinning on those locks.
/// </summary>
internal sealed class EmbeddedDatabase : IDisposable
{
    private const int SchemaVersion = 1;
    private const int MaxIdleConnections = 16;
    private const int MaxGroupSize = 64;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS storage_tables (
            name_key TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS table_entities (
            table_key TEXT NOT NULL,
            pk BLOB NOT NULL,
            rk BLOB NOT NULL,
            etag TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            properties BLOB NOT NULL,
            PRIMARY KEY (table_key, pk, rk)
        );
        CREATE TABLE IF NOT EXISTS blob_containers (
            name TEXT NOT NULL PRIMARY KEY
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS blobs (
            container TEXT NOT NULL,
            name BLOB NOT NULL,
            content_id TEXT NOT NULL,
            length INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            etag TEXT NOT NULL,
            last_modified INTEGER NOT NULL,
            metadata BLOB NOT NULL,
            lease_state INTEGER NOT NULL,
            lease_id TEXT,
            lease_duration INTEGER,
            lease_expires INTEGER,
            lease_break_at INTEGER,
            PRIMARY KEY (container, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS queues (
            name TEXT NOT NULL PRIMARY KEY
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS queue_messages (
            id INTEGER PRIMARY KEY,
            queue TEXT NOT NULL,
            message_id TEXT NOT NULL,
            pop INTEGER NOT NULL,
            text TEXT NOT NULL,
            dequeue_count INTEGER NOT NULL,
            inserted_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at);
        CREATE INDEX IF NOT EXISTS queue_messages_expiry ON queue_messages (queue, expires_at);
        """;

    private readonly string _connectionString;
    private readonly ConcurrentStack<EmbeddedConnection> _idle = new();
    private readonly Lock _pendingLock = new();
    private readonly Queue<EmbeddedWrite> _pending = new();
    private int _idleCount;
    private bool _draining;
    private volatile bool _disposed;

    public EmbeddedDatabase(string filePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // The pool below keeps connections open itself, with their pragmas and prepared statements.
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();

        var connection = new EmbeddedConnection(_connectionString);
        try
        {
            // journal_mode is stored in the file, so this is a no-op after the first open.
            connection.Execute("PRAGMA journal_mode = WAL;");
            connection.BeginImmediate();
            var version = Convert.ToInt32(connection.Command("PRAGMA user_version;").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new StorageConfigurationException(
                    $"The embedded store at '{filePath}' has schema version {version}, newer than this build understands ({SchemaVersion}). Use a newer Stratus or another data folder.");
            }

            if (version < SchemaVersion)
            {
                connection.Execute(Schema);
                connection.Execute($"PRAGMA user_version = {SchemaVersion};");
            }

            connection.Commit();
        }
        catch
        {
            connection.Rollback();
            connection.Dispose();
            throw;
        }

        Return(connection);
    }

    /// <summary>Runs a read on a pooled connection. WAL readers see the last committed state and never block writers.</summary>
    public T Read<T>(Func<EmbeddedConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = Rent();
        try
        {
            return work(connection);
        }
        catch (SqliteException)
        {
            connection.Broken = true;
            throw;
        }
        finally
        {
            Return(connection);
        }
    }

    /// <summary>Like <see cref="Read{T}"/>, with failures in the returned task rather than thrown.</summary>
    public Task<T> ReadAsync<T>(Func<EmbeddedConnection, T> work, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(Read(work, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction: it holds the database's write lock from the
    /// first read, so read-modify-write sequences cannot interleave with other writers, in this process or another.
    /// An exception undoes everything <paramref name="work"/> wrote. The work may run more than once (it is retried
    /// alone if its group fails), so it must not have effects outside the database.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<EmbeddedConnection, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(work, transactional: true, cancellationToken);

    /// <summary>Like <see cref="WriteAsync{T}"/>, for work that is a single statement and so atomic on its own.</summary>
    public Task<T> WriteStatementsAsync<T>(Func<EmbeddedConnection, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(work, transactional: false, cancellationToken);

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private static async Task<T> UnboxAsync<T>(Task<object?> task) => (T)(await task)!;

    /// <summary>
    /// Group commit: writers queue up, and whoever finds no drain running becomes the leader and runs everything queued
    /// in one transaction, each write inside its own savepoint. A commit (a WAL append) is the dominant cost of a small
    /// write, so under concurrency this multiplies throughput, and waiting writers never spin on SQLite's lock.
    /// </summary>
    private Task<T> EnqueueAsync<T>(Func<EmbeddedConnection, T> work, bool transactional, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var write = new EmbeddedWrite(connection => work(connection), transactional, cancellationToken);
        bool lead;
        lock (_pendingLock)
        {
            _pending.Enqueue(write);
            lead = !_draining;
            _draining = true;
        }

        if (lead)
        {
            // The leader runs the first group itself (the uncontended case costs no thread hop) and hands any backlog
            // to the thread pool rather than making its own caller wait for everyone else.
            RunGroup(TakeGroup());
            if (KeepDraining())
            {
                ThreadPool.UnsafeQueueUserWorkItem(static database => database.DrainLoop(), this, preferLocal: false);
            }
        }

        return UnboxAsync<T>(write.Task);
    }

    private void DrainLoop()
    {
        do
        {
            RunGroup(TakeGroup());
        }
        while (KeepDraining());
    }

    private List<EmbeddedWrite> TakeGroup()
    {
        lock (_pendingLock)
        {
            var group = new List<EmbeddedWrite>(Math.Min(_pending.Count, MaxGroupSize));
            while (group.Count < MaxGroupSize && _pending.TryDequeue(out var write))
            {
                group.Add(write);
            }

            return group;
        }
    }

    private bool KeepDraining()
    {
        lock (_pendingLock)
        {
            if (_pending.Count > 0)
            {
                return true;
            }

            _draining = false;
            return false;
        }
    }

    private void RunGroup(List<EmbeddedWrite> group)
    {
        var live = new List<EmbeddedWrite>(group.Count);
        foreach (var write in group)
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Fail(new OperationCanceledException(write.CancellationToken));
            }
            else
            {
                live.Add(write);
            }
        }

        try
        {
            if (live.Count == 1)
            {
                RunAlone(live[0]);
            }
            else if (live.Count > 1 && !TryRunTogether(live))
            {
                foreach (var write in live)
                {
                    write.Reset();
                    RunAlone(write);
                }
            }
        }
        finally
        {
            foreach (var write in group)
            {
                write.Publish();
            }
        }
    }

    private void RunAlone(EmbeddedWrite write)
    {
        EmbeddedConnection connection;
        try
        {
            connection = Rent();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SqliteException)
        {
            write.Fail(ex);
            return;
        }

        try
        {
            if (!write.Transactional)
            {
                write.Run(connection);
                return;
            }

            connection.BeginImmediate();
            try
            {
                write.Run(connection);
            }
            catch
            {
                connection.Rollback();
                throw;
            }

            connection.Commit();
        }
        catch (Exception ex)
        {
            connection.Broken |= ex is SqliteException;
            write.Fail(ex);
        }
        finally
        {
            Return(connection);
        }
    }

    /// <summary>
    /// Runs the writes in one transaction. A write that throws is undone to its savepoint and fails alone; if SQLite
    /// itself fails (it may then have abandoned the whole transaction) everything is rolled back and <c>false</c> asks
    /// the caller to run each write on its own.
    /// </summary>
    private bool TryRunTogether(List<EmbeddedWrite> writes)
    {
        EmbeddedConnection connection;
        try
        {
            connection = Rent();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SqliteException)
        {
            writes.ForEach(write => write.Fail(ex));
            return true;
        }

        try
        {
            connection.BeginImmediate();
            foreach (var write in writes)
            {
                connection.Execute("SAVEPOINT write;");
                try
                {
                    write.Run(connection);
                    connection.Execute("RELEASE write;");
                }
                catch (Exception ex) when (ex is not SqliteException)
                {
                    connection.Execute("ROLLBACK TO write; RELEASE write;");
                    write.Fail(ex);
                }
            }

            connection.Commit();
            return true;
        }
        catch (SqliteException)
        {
            connection.Rollback();
            connection.Broken = true;
            return false;
        }
        finally
        {
            Return(connection);
        }
    }

    private EmbeddedConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return new EmbeddedConnection(_connectionString);
    }

    private void Return(EmbeddedConnection connection)
    {
        // The cap is approximate under races; it only bounds how many idle handles stay open.
        if (connection.Broken || _disposed || Volatile.Read(ref _idleCount) >= MaxIdleConnections)
        {
            connection.Dispose();
            return;
        }

        Interlocked.Increment(ref _idleCount);
        _idle.Push(connection);

        // Dispose may have drained the stack between the check above and the push.
        if (_disposed)
        {
            DisposeIdle();
        }
    }

    private void DisposeIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }
}
