using Stratus.Durable.History;

namespace Stratus.Durable.Replay;

/// <summary>
/// Drives one execution of an orchestrator through its history. Feed it the recorded events (replaying), then the
/// episode's new events; it reports the new steps and whether the orchestrator returned. It can stay in memory
/// between episodes and take only the new events, as long as the history it saw is the one in storage.
/// </summary>
internal sealed class OrchestrationExecutor
{
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly IOrchestrator _orchestrator;
    private readonly List<HistoryEvent> _recorded = [];
    private readonly List<HistoryEvent> _newActions = [];
    private Task<object?>? _run;
    private bool _completionReported;

    public OrchestrationExecutor(IOrchestrator orchestrator, string instanceId, ExecutionStartedEvent started)
    {
        _orchestrator = orchestrator;
        Context = new ReplayContext(instanceId, started.Name, started.ExecutionId, started.Parent);
    }

    public ReplayContext Context { get; }

    /// <summary>Whether the orchestrator has returned or thrown; later events change nothing.</summary>
    public bool IsFinished => _completionReported;

    /// <summary>Applies one event. Returns false when the event is a duplicate or stale and must not be recorded.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">History disagrees with what the code schedules.</exception>
    public bool Apply(HistoryEvent historyEvent, bool replaying)
    {
        Context.Replaying = replaying;
        var accepted = true;
        _sync.Run(() => accepted = ApplyCore(historyEvent));
        if (!replaying)
        {
            if (accepted)
            {
                _recorded.Add(historyEvent);
            }

            var actions = Context.TakeNewActions();
            _recorded.AddRange(actions);
            _newActions.AddRange(actions);
        }

        return accepted;
    }

    /// <summary>Collects what this episode recorded and scheduled and, once, how the execution ended.</summary>
    public EpisodeOutcome TakeOutcome(DateTimeOffset now)
    {
        ExecutionCompletedEvent? completion = null;
        string? continueInput = null;
        IReadOnlyList<EventRaisedEvent> carried = [];
        if (_run is { IsCompleted: true } && !_completionReported)
        {
            _completionReported = true;
            if (_run.IsCompletedSuccessfully && Context.ContinueAsNewRequested)
            {
                continueInput = Context.ContinueAsNewInput;
                carried = Context.PreserveUnprocessedEvents ? [.. Context.BufferedEvents] : [];
                completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.ContinuedAsNew) { Data = continueInput, Timestamp = now };
            }
            else if (_run.IsCompletedSuccessfully)
            {
                completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Completed) { Data = DurableSerializer.Serialize(_run.Result), Timestamp = now };
            }
            else
            {
                var error = _run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
                completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, FailureDetails.FromException(error)) { Timestamp = now };
            }
        }

        var outcome = new EpisodeOutcome([.. _recorded], [.. _newActions], completion, continueInput, carried, Context.CustomStatus);
        _recorded.Clear();
        _newActions.Clear();
        return outcome;
    }

    private bool ApplyCore(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStartedEvent:
                Context.SetCurrentTime(historyEvent.Timestamp);
                return true;
            case ExecutionStartedEvent started:
                if (_run is not null)
                {
                    return false;
                }

                _run = Start(started.Data);
                return true;
            case TaskScheduledEvent scheduled:
                Context.ConfirmAction(scheduled.EventId, "activity", scheduled.Name);
                return true;
            case TimerCreatedEvent timer:
                Context.ConfirmAction(timer.EventId, "timer", "timer");
                return true;
            case SubOrchestrationCreatedEvent sub:
                Context.ConfirmAction(sub.EventId, "sub-orchestration", sub.Name);
                return true;
            case TaskCompletedEvent completed:
                return IsCurrent(completed.ExecutionId) && Context.Complete(completed.TaskScheduledId, completed.Data, null);
            case TaskFailedEvent failed:
                return IsCurrent(failed.ExecutionId) && Context.Complete(failed.TaskScheduledId, null, failed.Failure);
            case SubOrchestrationCompletedEvent completed:
                return IsCurrent(completed.ExecutionId) && Context.Complete(completed.TaskScheduledId, completed.Data, null);
            case SubOrchestrationFailedEvent failed:
                return IsCurrent(failed.ExecutionId) && Context.Complete(failed.TaskScheduledId, null, failed.Failure);
            case TimerFiredEvent fired:
                return Context.Complete(fired.TimerId, null, null);
            case EventRaisedEvent raised:
                if (_completionReported)
                {
                    return false;
                }

                Context.Raise(raised);
                return true;
            default:
                // Suspend, resume, terminate and completion are the processor's business; history keeps them.
                return true;
        }
    }

    private bool IsCurrent(string? executionId) => executionId is null || executionId == Context.ExecutionId;

    private Task<object?> Start(string? input)
    {
        try
        {
            return _orchestrator.RunAsync(Context, input);
        }
        catch (Exception exception)
        {
            return Task.FromException<object?>(exception);
        }
    }
}
