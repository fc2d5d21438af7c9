using Microsoft.Extensions.Logging;
using Stratus.Durable.History;
using Stratus.Durable.Replay;
using Stratus.Durable.Storage;

namespace Stratus.Durable.Worker;

/// <summary>
/// Handles "instance X has work": loads the instance (or takes its session), takes the due inbox rows, replays, and
/// checkpoints. Outbound messages are written before the checkpoint and are idempotent for their receivers; the
/// checkpoint is one transaction guarded by the sentinel's ETag, so of two workers racing on an instance exactly one
/// records each step and the other reloads. Works the same whether a worker polls or the Functions host delivers.
/// </summary>
internal sealed class OrchestrationProcessor(
    TaskHub hub,
    HistoryStore historyStore,
    InstanceStore instances,
    PayloadStore payloads,
    DurableMessaging messaging,
    DurableRegistry registry,
    SessionCache sessions,
    DurableSignals signals,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<OrchestrationProcessor> logger)
{
    /// <summary>Leaves room in the 100-action transaction for history rows and the sentinel.</summary>
    private const int MaxConsumedPerEpisode = 50;
    private const int MaxConflictRetries = 50;
    private const int MaxEpisodesPerWakeup = 100;

    public async Task ProcessAsync(Wakeup wakeup, CancellationToken cancellationToken)
    {
        await hub.EnsureCreatedAsync();
        var conflicts = 0;
        for (var episode = 0; episode < MaxEpisodesPerWakeup;)
        {
            bool moreWork;
            try
            {
                moreWork = await RunEpisodeAsync(wakeup.InstanceId, cancellationToken);
            }
            catch (CheckpointConflictException) when (++conflicts <= MaxConflictRetries)
            {
                sessions.Remove(wakeup.InstanceId);
                DurableLog.CheckpointConflict(logger, wakeup.InstanceId, conflicts);
                continue;
            }
            catch
            {
                sessions.Remove(wakeup.InstanceId);
                throw;
            }

            episode++;
            if (!moreWork)
            {
                break;
            }
        }

        await RearmAsync(wakeup, cancellationToken);
    }

    /// <summary>A timer's wake-up that came early (a hop of a long timer, or clock skew) arms the next hop.</summary>
    public async Task RearmAsync(Wakeup wakeup, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (wakeup.TimerDueAt is { } due && due > now)
        {
            await messaging.WakeAsync(wakeup, Min(due - now, hub.Options.MaxTimerDelay), cancellationToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsLive(InstanceState? state) =>
        state is { Status: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended };

    /// <returns>Whether the instance has more work right now (more inbox rows, a due timer, a new execution).</returns>
    private async Task<bool> RunEpisodeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var session = sessions.Take(instanceId);
        if (session is { Executor: null } && IsLive(session.State))
        {
            // A running instance is only worth caching with its executor; without one, replay from storage.
            session = null;
        }

        InstanceState? state;
        OrchestrationExecutor? executor = null;
        IReadOnlyList<HistoryEvent>? history = null;
        IReadOnlyList<InboxRow> inbox;
        IReadOnlyList<(string RowKey, Azure.ETag ETag)> stale = [];
        if (session is not null)
        {
            state = session.State;
            executor = session.Executor;
            inbox = await historyStore.LoadInboxAsync(instanceId, cancellationToken);
        }
        else
        {
            var loaded = await historyStore.LoadAsync(instanceId, cancellationToken);
            (state, history, inbox, stale) = (loaded.State, loaded.History, loaded.Inbox, loaded.StaleRows);
        }

        var now = timeProvider.GetUtcNow();
        var due = inbox
            .Where(r => r.DueAt is null || r.DueAt <= now)
            .OrderBy(r => r.Event is ExecutionStartedEvent ? 0 : 1)
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .ToList();
        var episode = new Episode(instanceId, state, now);

        if (!IsLive(state))
        {
            var start = due.LastOrDefault(r => r.Event is ExecutionStartedEvent s && s.ExecutionId != state?.ExecutionId);
            if (start is null)
            {
                if (state is not null && state.Status.IsTerminal() && due.Count > 0)
                {
                    // Messages for a finished instance: consumed and dropped.
                    episode.Consume(due.Take(MaxConsumedPerEpisode));
                    await CheckpointAsync(episode, state with { Version = state.Version + 1 }, executor: null, stale, cancellationToken);
                    if (session is null)
                    {
                        // Late duplicates may be all that ever wakes a finished instance whose row a crash left behind.
                        await RepairInstanceRowAsync(state, cancellationToken);
                    }

                    return due.Count > MaxConsumedPerEpisode;
                }

                if (state is not null)
                {
                    if (session is null && inbox.Count == 0)
                    {
                        await RepairInstanceRowAsync(state, cancellationToken);
                    }

                    sessions.Put(instanceId, new Session(state, executor));
                }

                return false;
            }

            // A new execution: the first run, a restart of a finished instance, or a ContinueAsNew.
            var started = (ExecutionStartedEvent)start.Event;
            episode.Consume(due.Where(r => r.Event is ExecutionStartedEvent).Take(MaxConsumedPerEpisode));
            due.RemoveAll(r => r.Event is ExecutionStartedEvent);
            episode.BeginExecution();
            state = NewExecutionState(instanceId, state, started, now) with
            {
                Input = ToPayload(await payloads.ExternalizeAsync(instanceId, started.Data, cancellationToken)),
            };
            history = [];
            executor = CreateExecutor(instanceId, started, episode);
            episode.NewEvents.Add(new OrchestratorStartedEvent { Timestamp = now });
            episode.NewEvents.Add(started with { Carried = null });
            episode.NewEvents.AddRange(started.Carried ?? []);
        }

        // Suspend and resume requests decide first whether the other messages may be taken: a resume releases
        // events that arrived while suspended, even those queued before the resume itself.
        var status = state!.Status;
        var capped = false;
        foreach (var row in due.Where(r => r.Event is ExecutionSuspendedEvent or ExecutionResumedEvent or ExecutionTerminatedEvent))
        {
            // A flood of requests must not outgrow the checkpoint's 100-action transaction: the rest wait their turn.
            if (episode.Consumed.Count >= MaxConsumedPerEpisode)
            {
                capped = true;
                break;
            }

            if (row.Event is ExecutionTerminatedEvent)
            {
                episode.Terminated = row.Event;
                episode.Consume([row]);
                break;
            }

            status = row.Event is ExecutionSuspendedEvent ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
            episode.Consume([row]);
            episode.Lifecycle.Add(row.Event);
        }

        foreach (var row in due.Where(r => !episode.IsConsumed(r)))
        {
            if (episode.Terminated is not null || status == OrchestrationRuntimeStatus.Suspended)
            {
                break;
            }

            if (episode.Consumed.Count >= MaxConsumedPerEpisode)
            {
                capped = true;
                break;
            }

            episode.Consume([row]);
            if (row.Event is not ExecutionStartedEvent)
            {
                // A start for the running execution is a duplicate; a start racing a live execution loses to it.
                episode.NewEvents.Add(row.Event);
            }
        }

        if (episode.Terminated is not null)
        {
            // Everything else waiting is dropped with the instance.
            episode.Consume(due.Where(r => !episode.IsConsumed(r)).Take(Math.Max(0, MaxConsumedPerEpisode - episode.Consumed.Count)));
            return await TerminateAsync(episode, state, stale, cancellationToken);
        }

        EpisodeOutcome? outcome = null;
        FailureDetails? fatal = null;
        string? customStatusBefore = null;
        IReadOnlyList<HistoryEvent> recorded = [];
        try
        {
            if (executor is null)
            {
                var started = history!.OfType<ExecutionStartedEvent>().FirstOrDefault()
                    ?? throw new InvalidDataException($"The history of instance '{instanceId}' has no ExecutionStarted event.");
                executor = CreateExecutor(instanceId, started, episode);
                foreach (var past in history!)
                {
                    executor?.Apply(past, replaying: true);
                }
            }

            customStatusBefore = executor?.Context.CustomStatus;
            if (executor is not null && (episode.NewEvents.Count > 0 || status != OrchestrationRuntimeStatus.Suspended))
            {
                if (episode.NewEvents.Count == 0 || episode.NewEvents[0] is not OrchestratorStartedEvent)
                {
                    episode.NewEvents.Insert(0, new OrchestratorStartedEvent { Timestamp = now });
                }

                foreach (var newEvent in episode.NewEvents)
                {
                    executor.Apply(newEvent, replaying: false);
                }

                var dueTimers = status == OrchestrationRuntimeStatus.Suspended
                    ? []
                    : executor.Context.OpenTimers.Where(t => t.FireAt <= now).OrderBy(t => t.EventId).ToList();
                foreach (var timer in dueTimers)
                {
                    executor.Apply(new TimerFiredEvent(timer.EventId, timer.FireAt) { Timestamp = now }, replaying: false);
                }

                outcome = executor.TakeOutcome(now);
                recorded = outcome.Recorded;
            }
        }
        catch (NonDeterministicOrchestrationException exception)
        {
            fatal = FailureDetails.FromException(exception);
            executor = null;
        }

        if (episode.StartFailure is not null)
        {
            fatal = episode.StartFailure;
            recorded = [.. episode.NewEvents];
        }

        var customStatusChanged = outcome is not null && outcome.CustomStatus != customStatusBefore;
        var meaningful = recorded.Any(e => e is not OrchestratorStartedEvent)
            || outcome?.Completion is not null
            || fatal is not null
            || episode.Lifecycle.Count > 0
            || episode.IsNewExecution
            || customStatusChanged;
        if (!meaningful && episode.Consumed.Count == 0)
        {
            if (session is null && inbox.Count == 0)
            {
                await RepairInstanceRowAsync(state, cancellationToken);
            }

            sessions.Put(instanceId, new Session(state, executor));
            return false;
        }

        var append = new List<HistoryEvent>();
        if (meaningful)
        {
            append.AddRange(episode.Lifecycle);
            append.AddRange(recorded);
            if (!append.OfType<OrchestratorStartedEvent>().Any())
            {
                append.Insert(0, new OrchestratorStartedEvent { Timestamp = now });
            }
        }

        var completion = fatal is not null
            ? new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, fatal) { Timestamp = now }
            : outcome?.Completion;
        if (completion is not null)
        {
            append.Add(completion);
        }

        var next = state with
        {
            Status = completion?.Status ?? status,
            LastUpdatedAt = now,
            HistoryCount = (episode.IsNewExecution ? 0 : state.HistoryCount) + append.Count,
            Version = state.Version + 1,
        };
        if (customStatusChanged)
        {
            next = next with { CustomStatus = ToPayload(await payloads.ExternalizeAsync(instanceId, outcome!.CustomStatus, cancellationToken)) };
        }

        if (completion is not null)
        {
            next = next with
            {
                Output = ToPayload(await payloads.ExternalizeAsync(instanceId, completion.Data, cancellationToken)),
                Failure = completion.Failure,
                CompletedAt = completion.Status.IsTerminal() ? now : null,
            };
        }

        if (completion?.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            episode.SelfInbox.Add(new ExecutionStartedEvent(state.Name, Guid.NewGuid().ToString("N"), state.Parent, outcome!.CarriedEvents.Count > 0 ? outcome.CarriedEvents : null)
            {
                Data = outcome.ContinueAsNewInput,
                Timestamp = now,
            });
        }

        episode.Append = append;
        await SendOutboundAsync(episode, next, outcome?.NewActions ?? [], completion, cancellationToken);
        var keepExecutor = completion is null ? executor : null;
        await CheckpointAsync(episode, next, keepExecutor, stale, cancellationToken);
        if (completion is { Failure: { } failure } && completion.Status == OrchestrationRuntimeStatus.Failed)
        {
            DurableLog.InstanceFailed(logger, instanceId, failure.ErrorType, failure.ErrorMessage);
        }

        return capped
            || episode.SelfInbox.Count > 0
            || episode.SelfDelivered
            || (keepExecutor is not null && next.Status == OrchestrationRuntimeStatus.Running && keepExecutor.Context.OpenTimers.Any(t => t.FireAt <= timeProvider.GetUtcNow()));
    }

    private static StoredPayload ToPayload((string? Inline, string? Blob) stored) => new(stored.Inline, stored.Blob);

    private static InstanceState NewExecutionState(string instanceId, InstanceState? previous, ExecutionStartedEvent started, DateTimeOffset now) => new()
    {
        InstanceId = instanceId,
        Name = started.Name,
        ExecutionId = started.ExecutionId,
        Status = OrchestrationRuntimeStatus.Running,
        CreatedAt = previous?.Status == OrchestrationRuntimeStatus.ContinuedAsNew ? previous.CreatedAt : started.Timestamp,
        LastUpdatedAt = now,
        Parent = started.Parent,
        HistoryCount = 0,
        Version = previous?.Version ?? 0,
        ETag = previous?.ETag ?? default,
    };

    private OrchestrationExecutor? CreateExecutor(string instanceId, ExecutionStartedEvent started, Episode episode)
    {
        var orchestrator = registry.CreateOrchestrator(started.Name, services);
        if (orchestrator is null)
        {
            episode.StartFailure = new FailureDetails(
                "OrchestratorNotFound",
                $"No orchestrator named '{started.Name}' is registered with this worker. Registered: {string.Join(", ", registry.OrchestratorNames.Order())}.");
            return null;
        }

        return new OrchestrationExecutor(orchestrator, instanceId, started);
    }

    private async Task<bool> TerminateAsync(Episode episode, InstanceState state, IReadOnlyList<(string, Azure.ETag)> stale, CancellationToken cancellationToken)
    {
        var reason = episode.Terminated!;
        var completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Terminated) { Data = reason.Data, Timestamp = episode.Now };
        episode.Append = [new OrchestratorStartedEvent { Timestamp = episode.Now }, reason, completion];
        var next = state with
        {
            Status = OrchestrationRuntimeStatus.Terminated,
            LastUpdatedAt = episode.Now,
            CompletedAt = episode.Now,
            Output = ToPayload(await payloads.ExternalizeAsync(state.InstanceId, reason.Data, cancellationToken)),
            HistoryCount = (episode.IsNewExecution ? 0 : state.HistoryCount) + episode.Append.Count,
            Version = state.Version + 1,
        };
        await SendOutboundAsync(episode, next, [], completion, cancellationToken);
        await CheckpointAsync(episode, next, executor: null, stale, cancellationToken);
        return false;
    }

    private async Task SendOutboundAsync(Episode episode, InstanceState next, IReadOnlyList<HistoryEvent> actions, ExecutionCompletedEvent? completion, CancellationToken cancellationToken)
    {
        var sends = new List<Task>();
        foreach (var action in actions)
        {
            switch (action)
            {
                case TaskScheduledEvent task:
                    sends.Add(messaging.SendWorkItemAsync(new WorkItem(episode.InstanceId, next.ExecutionId, task.EventId, task.Name, task.Data, null), cancellationToken));
                    break;
                case TimerCreatedEvent timer:
                    var delay = timer.FireAt - episode.Now;
                    sends.Add(messaging.WakeAsync(new Wakeup(episode.InstanceId, timer.FireAt), Min(delay, hub.Options.MaxTimerDelay), cancellationToken));
                    break;
                case SubOrchestrationCreatedEvent sub:
                    sends.Add(StartChildAsync(episode, next, sub, cancellationToken));
                    break;
            }
        }

        if (completion is not null && next.Parent is { } parent && completion.Status != OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            HistoryEvent result = completion.Status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationCompletedEvent(parent.TaskId, parent.ExecutionId) { Data = completion.Data, Timestamp = episode.Now }
                : new SubOrchestrationFailedEvent(
                    parent.TaskId,
                    completion.Failure ?? new FailureDetails("OrchestrationTerminated", $"Sub-orchestration '{episode.InstanceId}' was terminated: {completion.Data}"),
                    parent.ExecutionId) { Timestamp = episode.Now };
            sends.Add(messaging.DeliverAsync(parent.InstanceId, result, cancellationToken));
        }

        await Task.WhenAll(sends);
    }

    private async Task StartChildAsync(Episode episode, InstanceState parentState, SubOrchestrationCreatedEvent created, CancellationToken cancellationToken)
    {
        var parent = new ParentInstance(episode.InstanceId, parentState.ExecutionId, created.EventId);

        // The child's execution id derives from the parent's step, so a retried start is recognised as the same start.
        var executionId = DeterministicId($"{parentState.ExecutionId}/{created.EventId}");
        var now = episode.Now;
        try
        {
            if (!registry.HasOrchestrator(created.Name))
            {
                throw new InvalidOperationException($"No orchestrator named '{created.Name}' is registered.");
            }

            var input = await payloads.ExternalizeAsync(created.InstanceId, created.Data, cancellationToken);
            await instances.CreateAsync(
                new InstanceState
                {
                    InstanceId = created.InstanceId,
                    Name = created.Name,
                    ExecutionId = executionId,
                    Status = OrchestrationRuntimeStatus.Pending,
                    CreatedAt = now,
                    LastUpdatedAt = now,
                    Input = ToPayload(input),
                    Parent = parent,
                },
                cancellationToken);
            await messaging.DeliverAsync(
                created.InstanceId,
                new ExecutionStartedEvent(created.Name, executionId, parent) { Data = created.Data, Timestamp = now },
                cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            DurableLog.SubOrchestrationRejected(logger, episode.InstanceId, created.InstanceId, exception.Message);
            await historyStore.AppendInboxAsync(
                episode.InstanceId,
                new SubOrchestrationFailedEvent(created.EventId, FailureDetails.FromException(exception), parentState.ExecutionId) { Timestamp = now },
                null,
                cancellationToken);
            episode.SelfDelivered = true;
        }
    }

    private static string DeterministicId(string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString("N");
    }

    private async Task CheckpointAsync(Episode episode, InstanceState next, OrchestrationExecutor? executor, IReadOnlyList<(string, Azure.ETag)> stale, CancellationToken cancellationToken)
    {
        var checkpoint = new Checkpoint(
            episode.Previous,
            next,
            episode.IsNewExecution,
            episode.Append,
            episode.Consumed,
            episode.SelfInbox);
        var etag = await historyStore.CheckpointAsync(episode.InstanceId, checkpoint, cancellationToken);
        next = next with { ETag = etag };
        sessions.Put(episode.InstanceId, new Session(next, executor));
        if (ProjectionChanged(episode.Previous, next))
        {
            await instances.SaveAsync(next, cancellationToken);
            if (next.Status.IsTerminal())
            {
                DurableLog.InstanceFinished(logger, next.InstanceId, next.Name, next.Status);
            }
        }

        signals.NotifyInstanceChanged(episode.InstanceId);
        if (episode.IsNewExecution && stale.Count > 0)
        {
            await historyStore.DeleteStaleRowsAsync(episode.InstanceId, stale, cancellationToken);
        }
    }

    private static bool ProjectionChanged(InstanceState? previous, InstanceState next) =>
        previous is null
        || previous.Status != next.Status
        || previous.ExecutionId != next.ExecutionId
        || previous.CustomStatus != next.CustomStatus
        || previous.Output != next.Output;

    /// <summary>
    /// A crash between a checkpoint and the Instances write leaves the row behind the sentinel; a wake-up that finds
    /// nothing to do puts it right.
    /// </summary>
    private async Task RepairInstanceRowAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var row = await instances.GetAsync(state.InstanceId, cancellationToken);
        if (row is null || (row.ExecutionId == state.ExecutionId && ProjectionChanged(row, state)))
        {
            await instances.SaveAsync(state, cancellationToken);
        }
    }
}
