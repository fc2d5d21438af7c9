using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Stratus.Durable.Embedded;

/// <summary>
/// An embedded Durable Task Framework backend on one SQLite file, serving as both the TaskHubWorker's backend and the
/// client in the process that owns the file. Dispatch runs from in-memory queues that mirror the database (loaded at
/// open, updated only after each commit); every acknowledged change is first committed by the group-commit writer.
/// </summary>
internal sealed class EmbeddedOrchestrationService :
    IOrchestrationService,
    IOrchestrationServiceClient,
    IOrchestrationServicePurgeClient,
    IOrchestrationServiceQueryClient,
    IDisposable
{
    // LockNext loops DTFx runs per dispatcher. Handing out a work item is an in-memory dequeue, so two loops keep
    // hundreds of work items in flight; more loops would only add contention on a small machine.
    private const int DispatcherLoopCount = 2;

    private readonly EmbeddedOrchestrationServiceSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteDurableStore _store;
    private readonly DispatchQueues _queues;
    private readonly Lock _openGate = new();
    private DatabaseOwnershipLock? _ownership;
    private SqliteConnection? _writerConnection;
    private WriteStatements? _statements;
    private GroupCommitWriter? _writer;
    private ITimer? _lockSweeper;
    private bool _disposed;

    public EmbeddedOrchestrationService(
        EmbeddedOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.DatabasePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxConcurrentOrchestrations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxConcurrentActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.WorkItemLockTimeout, TimeSpan.Zero);
        _settings = settings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedOrchestrationService>();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _store = new SqliteDurableStore(Path.GetFullPath(settings.DatabasePath));
        _queues = new DispatchQueues(_timeProvider, settings.WarmInstanceCapacity);
    }

    public int TaskOrchestrationDispatcherCount => DispatcherLoopCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _settings.MaxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => DispatcherLoopCount;

    public int MaxConcurrentTaskActivityWorkItems => _settings.MaxConcurrentActivities;

    /// <summary>Instances with queued or in-flight work in memory (diagnostics and tests).</summary>
    internal int ActiveSessionCount => _queues.Sessions.SessionCount;

    /// <summary>Instances whose runtime state is cached (diagnostics and tests).</summary>
    internal int WarmInstanceCount => _queues.WarmInstances.Count;

    // ---- Lifecycle -------------------------------------------------------------------------------------------

    public Task StartAsync()
    {
        EnsureOpen();
        return Task.CompletedTask;
    }

    // Stopping the worker leaves the store open: the same instance keeps serving as the client until disposed.
    public Task StopAsync() => Task.CompletedTask;

    public Task StopAsync(bool isForced) => Task.CompletedTask;

    public Task CreateAsync() => CreateAsync(recreateInstanceStore: false);

    public async Task CreateAsync(bool recreateInstanceStore)
    {
        EnsureOpen();
        if (recreateInstanceStore)
        {
            await SubmitAsync(new DeleteStoreOperation(_queues));
        }
    }

    public Task CreateIfNotExistsAsync() => CreateAsync(recreateInstanceStore: false);

    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    public Task DeleteAsync(bool deleteInstanceStore) => SubmitAsync(new DeleteStoreOperation(_queues));

    public void Dispose()
    {
        lock (_openGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _lockSweeper?.Dispose();

        // Drain the writer so every operation already acknowledged-or-pending reaches its outcome before closing.
        _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _statements?.Dispose();
        _writerConnection?.Dispose();
        _store.ReleasePooledReaders();
        _queues.Dispose();
        _ownership?.Dispose();
    }

    // ---- Orchestration dispatcher ----------------------------------------------------------------------------

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is ObjectDisposedException ? 0 : 1;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var locked = await _queues.Sessions.TryLockNextAsync(receiveTimeout, LockDeadline(), cancellationToken);
        if (locked is null)
        {
            return null!;
        }

        try
        {
            return CreateWorkItem(locked);
        }
        catch
        {
            _queues.Sessions.Release(locked.Session, locked.LockToken);
            throw;
        }
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (EmbeddedOrchestrationWorkItem)workItem;
        var lockedUntil = LockDeadline();
        if (!_queues.Sessions.TryRenew(item.Lock.Session, item.Lock.LockToken, lockedUntil))
        {
            throw new InvalidOperationException($"The work item lock for '{item.InstanceId}' was lost; it will be handed out again.");
        }

        item.LockedUntilUtc = lockedUntil;
        return Task.CompletedTask;
    }

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var item = (EmbeddedOrchestrationWorkItem)workItem;
        if (!_queues.Sessions.TryBeginCompletion(item.Lock.Session, item.Lock.LockToken))
        {
            EmbeddedLog.LostLockCompletionRefused(_logger, item.InstanceId);
            throw new InvalidOperationException($"The work item lock for '{item.InstanceId}' was lost; its episode is discarded and will run again.");
        }

        return SubmitAsync(new CompleteOrchestrationOperation(
            _queues,
            item,
            newOrchestrationRuntimeState,
            outboundMessages ?? [],
            orchestratorMessages ?? [],
            timerMessages ?? [],
            continuedAsNewMessage,
            orchestrationState));
    }

    // The episode's messages go back to the instance; its warm state is not restored because DTFx may have added events to it.
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (EmbeddedOrchestrationWorkItem)workItem;
        _queues.Sessions.Release(item.Lock.Session, item.Lock.LockToken);
        return Task.CompletedTask;
    }

    // DTFx always releases after processing; after a completion the lock is already gone, so this is a no-op then.
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => AbandonTaskOrchestrationWorkItemAsync(workItem);

    // ---- Activity dispatcher ---------------------------------------------------------------------------------

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var queued = await _queues.Activities.TryLockNextAsync(receiveTimeout, LockDeadline, cancellationToken);
        if (queued is null)
        {
            return null!;
        }

        return new EmbeddedActivityWorkItem
        {
            Id = queued.Sequence.ToString(CultureInfo.InvariantCulture),
            LockedUntilUtc = queued.LockedUntilUtc,
            TaskMessage = queued.Message,
            Queued = queued,
            LockToken = queued.LockToken,
        };
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        var item = (EmbeddedActivityWorkItem)workItem;
        var lockedUntil = LockDeadline();
        if (!_queues.Activities.TryRenew(item.Queued, item.LockToken, lockedUntil))
        {
            throw new InvalidOperationException($"The lock of activity work item {item.Id} was lost; it will be handed out again.");
        }

        item.LockedUntilUtc = lockedUntil;
        return Task.FromResult<TaskActivityWorkItem>(item);
    }

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var item = (EmbeddedActivityWorkItem)workItem;
        if (!_queues.Activities.TryBeginCompletion(item.Queued, item.LockToken))
        {
            throw new InvalidOperationException($"The lock of activity work item {item.Id} was lost; its result is discarded and it will run again.");
        }

        return SubmitAsync(new CompleteActivityOperation(_queues, item.Queued, responseMessage));
    }

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var item = (EmbeddedActivityWorkItem)workItem;
        _queues.Activities.Abandon(item.Queued, item.LockToken);
        return Task.CompletedTask;
    }

    // ---- Client ----------------------------------------------------------------------------------------------

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null!);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        if (creationMessage.Event is not ExecutionStartedEvent)
        {
            throw new ArgumentException("Only ExecutionStarted messages create orchestrations.", nameof(creationMessage));
        }

        return SubmitAsync(new CreateOrchestrationOperation(_queues, creationMessage, dedupeStatuses ?? OrchestrationStatuses.DefaultDedupe));
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) =>
        messages.Length == 0 ? Task.CompletedTask : SubmitAsync(new SendOrchestrationMessagesOperation(_queues, messages));

    public async Task<OrchestrationState> WaitForOrchestrationAsync(
        string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnsureOpen();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan && timeout < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            deadline.CancelAfter(timeout);
        }

        while (true)
        {
            // Register before reading, so a completion committed between the read and the wait still wakes us.
            var waiter = _queues.Completions.Register(instanceId);
            try
            {
                var state = _store.ReadInstance(instanceId, fetchPayloads: true);
                if (state is not null && OrchestrationStatuses.IsTerminal(state.OrchestrationStatus))
                {
                    return state;
                }

                await waiter.Task.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // DTFx clients read a null state as "timed out".
                return null!;
            }
            finally
            {
                _queues.Completions.Unregister(instanceId, waiter);
            }
        }
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        // Only the latest execution is kept (continue-as-new replaces history), so "all executions" is that one.
        EnsureOpen();
        var state = _store.ReadInstance(instanceId, fetchPayloads: true);
        return Task.FromResult<IList<OrchestrationState>>(state is null ? [] : [state]);
    }

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        EnsureOpen();
        var state = _store.ReadInstance(instanceId, fetchPayloads: true);
        var matches = state is not null && (string.IsNullOrEmpty(executionId) || state.OrchestrationInstance.ExecutionId == executionId);
        return Task.FromResult(matches ? state! : null!);
    }

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        EnsureOpen();
        var events = _store.ReadHistory(instanceId);
        var currentExecution = events.OfType<ExecutionStartedEvent>().FirstOrDefault()?.OrchestrationInstance?.ExecutionId;
        if (!string.IsNullOrEmpty(executionId) && executionId != currentExecution)
        {
            events = [];
        }

        return Task.FromResult(PayloadSerializer.Serialize(events));
    }

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        SubmitAsync(PurgeInstancesOperation.OlderThan(_queues, thresholdDateTimeUtc, timeRangeFilterType));

    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        var operation = PurgeInstancesOperation.ById(_queues, instanceId);
        await SubmitAsync(operation);
        return new PurgeResult(operation.PurgedCount);
    }

    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        var operation = PurgeInstancesOperation.ByFilter(_queues, purgeInstanceFilter);
        await SubmitAsync(operation);
        EmbeddedLog.Purged(_logger, operation.PurgedCount);
        return new PurgeResult(operation.PurgedCount, isComplete: true);
    }

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        EnsureOpen();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.Query(query));
    }

    // ---- Internals -------------------------------------------------------------------------------------------

    private DateTime LockDeadline() => _queues.UtcNow + _settings.WorkItemLockTimeout;

    private Task SubmitAsync(DurableWriteOperation operation)
    {
        EnsureOpen();
        return _writer!.SubmitAsync(operation);
    }

    private EmbeddedOrchestrationWorkItem CreateWorkItem(LockedInstanceSession locked)
    {
        var instanceId = locked.Session.InstanceId;
        var state = _queues.WarmInstances.TryTake(instanceId) ?? _store.LoadRuntimeState(instanceId);
        var replacesStoredHistory = false;

        // A start message for another execution than the stored one (re-created after it finished) begins with empty
        // history; the completion then replaces the old execution's rows.
        var start = locked.Messages.FirstOrDefault(m => m.Message.Event is ExecutionStartedEvent);
        if (start is not null && state.ExecutionStartedEvent is not null
            && state.OrchestrationInstance?.ExecutionId != start.Message.OrchestrationInstance.ExecutionId)
        {
            EmbeddedLog.NewExecutionReplacesHistory(_logger, instanceId, start.Message.OrchestrationInstance.ExecutionId);
            state = new OrchestrationRuntimeState();
            replacesStoredHistory = true;
        }

        return new EmbeddedOrchestrationWorkItem
        {
            InstanceId = instanceId,
            OrchestrationRuntimeState = state,
            LockedUntilUtc = locked.LockedUntilUtc,
            NewMessages = [.. locked.Messages.Select(m => m.Message)],
            Lock = locked,
            LoadedState = state,
            PersistedEventCount = state.Events.Count,
            ReplacesStoredHistory = replacesStoredHistory,
        };
    }

    private void EnsureOpen()
    {
        if (_writer is not null && !_disposed)
        {
            return;
        }

        lock (_openGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            _ownership = DatabaseOwnershipLock.Acquire(_store.DatabasePath);
            try
            {
                _writerConnection = _store.OpenWriter();
                var recovered = _store.Recover(_writerConnection);
                _statements = new WriteStatements(_writerConnection, recovered.LastSequence);
                foreach (var message in recovered.OrchestrationMessages)
                {
                    _queues.Deliver(message);
                }

                foreach (var activity in recovered.ActivityMessages)
                {
                    _queues.Activities.Enqueue(activity);
                }

                var sweepPeriod = TimeSpan.FromTicks(Math.Clamp(_settings.WorkItemLockTimeout.Ticks / 5, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
                _lockSweeper = _timeProvider.CreateTimer(_ => ExpireLocks(), null, sweepPeriod, sweepPeriod);
                _writer = new GroupCommitWriter(_statements, _logger);
                EmbeddedLog.StoreOpened(
                    _logger, _store.DatabasePath, recovered.OrchestrationMessages.Count, _queues.Timers.Count, recovered.ActivityMessages.Count);
            }
            catch
            {
                _statements?.Dispose();
                _writerConnection?.Dispose();
                _ownership.Dispose();
                _ownership = null;
                throw;
            }
        }
    }

    // A holder that stops renewing (hung or lost) must not strand its instance or activity forever.
    private void ExpireLocks()
    {
        var now = _queues.UtcNow;
        var orchestrations = _queues.Sessions.ExpireLocks(now);
        var activities = _queues.Activities.ExpireLocks(now);
        if (orchestrations.Count > 0 || activities > 0)
        {
            EmbeddedLog.LocksExpired(_logger, orchestrations.Count, activities);
        }
    }
}
