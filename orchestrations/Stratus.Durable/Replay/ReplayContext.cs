using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Stratus.Durable.History;

namespace Stratus.Durable.Replay;

/// <summary>
/// The orchestration context during replay. Each call the orchestrator makes takes the next step id and becomes a
/// pending action; history then either confirms the action (replay) or the action is new and gets recorded.
/// </summary>
internal sealed class ReplayContext(string instanceId, string name, string executionId, ParentInstance? parent) : OrchestrationContext
{
    private readonly SortedDictionary<int, HistoryEvent> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<int, TimerCreatedEvent> _openTimers = [];
    private readonly HashSet<int> _scheduledIds = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaisedEvent> _bufferedEvents = [];
    private int _nextStepId;
    private int _guidCounter;
    private DateTime _currentUtcDateTime;

    public override string InstanceId => instanceId;

    public override string Name => name;

    public override string? ParentInstanceId => parent?.InstanceId;

    public string ExecutionId => executionId;

    public ParentInstance? Parent => parent;

    public override DateTime CurrentUtcDateTime => _currentUtcDateTime;

    public override bool IsReplaying => Replaying;

    internal bool Replaying { get; set; }

    internal string? CustomStatus { get; private set; }

    internal string? ContinueAsNewInput { get; private set; }

    internal bool ContinueAsNewRequested { get; private set; }

    internal bool PreserveUnprocessedEvents { get; private set; }

    internal IReadOnlyList<EventRaisedEvent> BufferedEvents => _bufferedEvents;

    internal IEnumerable<TimerCreatedEvent> OpenTimers => _openTimers.Values;

    internal void SetCurrentTime(DateTimeOffset time) => _currentUtcDateTime = time.UtcDateTime;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var data = DurableSerializer.Serialize(input);
        return retry is null
            ? Typed<TResult>(ScheduleActivity(name, data))
            : Typed<TResult>(WithRetry(() => ScheduleActivity(name, data), retry));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default)
    {
        var id = _nextStepId++;
        var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt, fireAt.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime();
        var created = new TimerCreatedEvent(id, due) { Timestamp = _currentUtcDateTime };
        _pendingActions.Add(id, created);
        _openTimers[id] = created;
        var task = Open(id, "timer");
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                _openTimers.Remove(id);
                if (_openTasks.Remove(id, out var open))
                {
                    open.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return task;
    }

    public override async Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var buffered = _bufferedEvents.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var data = _bufferedEvents[buffered].Data;
            _bufferedEvents.RemoveAt(buffered);
            return DurableSerializer.Deserialize<T>(data)!;
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(name, out var waiters))
        {
            _eventWaiters[name] = waiters = new Queue<TaskCompletionSource<string?>>();
        }

        waiters.Enqueue(waiter);
        if (timeout is null)
        {
            return DurableSerializer.Deserialize<T>(await waiter.Task)!;
        }

        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(_currentUtcDateTime + timeout.Value, cancelTimer.Token);
        var winner = await Task.WhenAny(waiter.Task, timer);
        if (winner != waiter.Task)
        {
            // Take the waiter out so a later event is buffered for the next wait instead of vanishing.
            _eventWaiters[name] = new Queue<TaskCompletionSource<string?>>(waiters.Where(w => w != waiter));
            throw new TimeoutException($"Event '{name}' did not arrive within {timeout.Value}.");
        }

        // Cancel, not CancelAsync: the timer's callback must run now, on the replay thread.
#pragma warning disable CA1849
        cancelTimer.Cancel();
#pragma warning restore CA1849
        return DurableSerializer.Deserialize<T>(await waiter.Task)!;
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (instanceId is not null)
        {
            InstanceIds.Validate(instanceId);
        }

        var data = DurableSerializer.Serialize(input);
        return retry is null
            ? Typed<TResult>(ScheduleSubOrchestration(name, data, instanceId))
            : Typed<TResult>(WithRetry(() => ScheduleSubOrchestration(name, data, instanceId), retry));
    }

    public override void ContinueAsNew(object? input, bool preserveUnprocessedEvents = false)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = DurableSerializer.Serialize(input);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = DurableSerializer.Serialize(customStatus);

    public override Guid NewGuid()
    {
        // Name-based (version 5 layout) from the instance, execution and a counter: the same on every replay.
        var bytes = SHA1.HashData(Encoding.UTF8.GetBytes($"{instanceId}/{executionId}/{_guidCounter++}"));
        var guid = bytes.AsSpan(0, 16).ToArray();
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(this, logger);

    /// <summary>History confirms a step: it must be the step the code scheduled under that id.</summary>
    internal void ConfirmAction(int id, string kind, string? recordedName)
    {
        if (!_pendingActions.Remove(id, out var pending))
        {
            throw new NonDeterministicOrchestrationException(
                $"Orchestrator '{Name}' (instance '{InstanceId}') is not deterministic: history step #{id} is {kind} '{recordedName}', but replay did not schedule step #{id}.");
        }

        var (pendingKind, pendingName) = Describe(pending);
        if (pendingKind != kind || !string.Equals(pendingName, recordedName, StringComparison.Ordinal))
        {
            throw new NonDeterministicOrchestrationException(
                $"Orchestrator '{Name}' (instance '{InstanceId}') is not deterministic: history step #{id} is {kind} '{recordedName}', but replay scheduled {pendingKind} '{pendingName}'.");
        }
    }

    /// <summary>Finishes an open step. False when the step is unknown or already finished (a duplicate delivery).</summary>
    internal bool Complete(int id, string? result, FailureDetails? failure)
    {
        if (!_scheduledIds.Contains(id))
        {
            return false;
        }

        _openTimers.Remove(id);
        if (!_openTasks.Remove(id, out var open))
        {
            return false;
        }

        if (failure is null)
        {
            open.Completion.SetResult(result);
        }
        else
        {
            open.Completion.SetException(new TaskFailedException(open.Name, id, failure));
        }

        return true;
    }

    internal bool IsOpen(int id) => _openTasks.ContainsKey(id) || _openTimers.ContainsKey(id);

    internal void Raise(EventRaisedEvent raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.TryDequeue(out var waiter))
        {
            waiter.SetResult(raised.Data);
            return;
        }

        _bufferedEvents.Add(raised);
    }

    /// <summary>The actions the code scheduled that history has not recorded yet: this episode's new steps.</summary>
    internal IReadOnlyList<HistoryEvent> TakeNewActions()
    {
        var actions = _pendingActions.Values.ToList();
        _pendingActions.Clear();
        return actions;
    }

    private static (string Kind, string? Name) Describe(HistoryEvent action) => action switch
    {
        TaskScheduledEvent task => ("activity", task.Name),
        TimerCreatedEvent => ("timer", "timer"),
        SubOrchestrationCreatedEvent sub => ("sub-orchestration", sub.Name),
        _ => (action.GetType().Name, null),
    };

    private static async Task<T> Typed<T>(Task<string?> raw) => DurableSerializer.Deserialize<T>(await raw)!;

    private Task<string?> ScheduleActivity(string activityName, string? data)
    {
        var id = _nextStepId++;
        _pendingActions.Add(id, new TaskScheduledEvent(id, activityName) { Data = data, Timestamp = _currentUtcDateTime });
        return Open(id, activityName);
    }

    private Task<string?> ScheduleSubOrchestration(string orchestratorName, string? data, string? childId)
    {
        var id = _nextStepId++;
        childId ??= $"{InstanceId}:{id:D4}";
        _pendingActions.Add(id, new SubOrchestrationCreatedEvent(id, orchestratorName, childId) { Data = data, Timestamp = _currentUtcDateTime });
        return Open(id, orchestratorName);
    }

    private Task<string?> Open(int id, string taskName)
    {
        _scheduledIds.Add(id);
        var completion = new TaskCompletionSource<string?>();
        _openTasks.Add(id, new OpenTask(id, taskName, completion));
        return completion.Task;
    }

    private async Task<string?> WithRetry(Func<Task<string?>> attempt, RetryPolicy retry)
    {
        var firstAttemptAt = _currentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (number < retry.MaxAttempts && (retry.Handle?.Invoke(failed.FailureDetails) ?? true))
            {
                var delay = retry.DelayBeforeAttempt(number + 1);
                if (retry.RetryTimeout != Timeout.InfiniteTimeSpan && _currentUtcDateTime + delay > firstAttemptAt + retry.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(_currentUtcDateTime + delay);
            }
        }
    }
}
