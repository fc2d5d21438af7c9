using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Embedded;

/// <summary>
/// The single SQLite writer. Concurrent completions queue up while a commit is in flight and then go into the next
/// transaction together (group commit), so throughput grows with load instead of paying one commit per operation.
/// Each operation sits in its own savepoint, so one failing operation does not fail its batch-mates.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    // Bounds one transaction's size so a flood of work still commits (and acknowledges) in steady steps.
    private const int MaxBatchSize = 512;

    private readonly Channel<DurableWriteOperation> _queue = Channel.CreateUnbounded<DurableWriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly WriteStatements _statements;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public GroupCommitWriter(WriteStatements statements, ILogger logger)
    {
        _statements = statements;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public Task SubmitAsync(DurableWriteOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The embedded durable store is closed.");
        }

        return operation.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<DurableWriteOperation>(MaxBatchSize);
        var applied = new List<DurableWriteOperation>(MaxBatchSize);
        var failed = new List<(DurableWriteOperation Operation, Exception Error)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            applied.Clear();
            failed.Clear();
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            try
            {
                using var transaction = _statements.Connection.BeginTransaction();
                _statements.BeginBatch(transaction);
                foreach (var operation in batch)
                {
                    transaction.Save("op");
                    try
                    {
                        operation.Apply(_statements);
                        transaction.Release("op");
                        applied.Add(operation);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        transaction.Rollback("op");
                        transaction.Release("op");
                        failed.Add((operation, exception));
                    }
                }

                transaction.Commit();
            }
            catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
            {
                EmbeddedLog.BatchCommitFailed(_logger, batch.Count, exception);
                foreach (var operation in applied)
                {
                    failed.Add((operation, exception));
                }

                applied.Clear();
            }

            // In-memory effects run in commit order on this thread, so memory never runs ahead of the database.
            foreach (var operation in applied)
            {
                try
                {
                    operation.OnCommitted();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    EmbeddedLog.InMemoryApplyFailed(_logger, operation.GetType().Name, exception);
                }

                operation.Succeed();
            }

            foreach (var (operation, error) in failed)
            {
                if (error is not DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
                {
                    EmbeddedLog.OperationFailed(_logger, operation.GetType().Name, error);
                }

                operation.OnFailed();
                operation.Fail(error);
            }
        }
    }
}
