using Stratus.Durable.History;
using Stratus.Durable.Storage;
using Stratus.Durable.Worker;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Client;

/// <summary>
/// Starts and manages orchestration instances: schedule, raise events, terminate, suspend/resume, read status,
/// wait, query and purge. Mirrors Durable Functions' <c>DurableTaskClient</c>. Any process sharing the task hub's
/// storage can use it; the work is done by whichever worker owns the instance's partition.
/// </summary>
public sealed class DurableClient
{
    private readonly TaskHub _hub;
    private readonly InstanceStore _instances;
    private readonly HistoryStore _history;
    private readonly PayloadStore _payloads;
    private readonly DurableMessaging _messaging;
    private readonly DurableRegistry _registry;
    private readonly DurableSignals _signals;
    private readonly TimeProvider _timeProvider;

    internal DurableClient(
        TaskHub hub,
        InstanceStore instances,
        HistoryStore history,
        PayloadStore payloads,
        DurableMessaging messaging,
        DurableRegistry registry,
        DurableSignals signals,
        TimeProvider timeProvider)
    {
        _hub = hub;
        _instances = instances;
        _history = history;
        _payloads = payloads;
        _messaging = messaging;
        _registry = registry;
        _signals = signals;
        _timeProvider = timeProvider;
    }

    /// <summary>Starts an instance and returns its id.</summary>
    /// <exception cref="ArgumentException">Unknown orchestrator name, or an invalid instance id.</exception>
    /// <exception cref="InstanceAlreadyExistsException">An instance with this id is pending, running or suspended.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_registry.HasOrchestrator(name))
        {
            throw new ArgumentException(
                $"No orchestrator named '{name}' is registered. Registered: {string.Join(", ", _registry.OrchestratorNames.Order())}.", nameof(name));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        await _hub.EnsureCreatedAsync();
        var now = _timeProvider.GetUtcNow();
        var data = DurableSerializer.Serialize(input);
        var executionId = Guid.NewGuid().ToString("N");
        var stored = await _payloads.ExternalizeAsync(instanceId, data, cancellationToken);
        var created = await _instances.CreateAsync(
            new InstanceState
            {
                InstanceId = instanceId,
                Name = name,
                ExecutionId = executionId,
                Status = OrchestrationRuntimeStatus.Pending,
                CreatedAt = now,
                LastUpdatedAt = now,
                Input = new StoredPayload(stored.Inline, stored.Blob),
            },
            cancellationToken);
        try
        {
            var started = new ExecutionStartedEvent(name, executionId) { Data = data, Timestamp = now };
            var startAt = options?.StartAt is { } at && at > now ? at : (DateTimeOffset?)null;
            await _history.AppendInboxAsync(instanceId, started, startAt, cancellationToken);
            if (startAt is { } due)
            {
                var delay = due - now;
                await _messaging.WakeAsync(new Wakeup(instanceId, due), delay < _hub.Options.MaxTimerDelay ? delay : _hub.Options.MaxTimerDelay, cancellationToken);
            }
            else
            {
                await _messaging.WakeAsync(instanceId, cancellationToken);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Without its start message the Pending row would block the id forever; give the id back.
            try
            {
                await _instances.DeleteAsync(instanceId, created, CancellationToken.None);
            }
            catch (Stratus.Storage.StorageException)
            {
                // Storage is failing; the original error says more.
            }

            throw;
        }

        return instanceId;
    }

    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceStateConflictException">The instance has finished.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireNotFinishedAsync(instanceId, "raise an event on", cancellationToken);
        await _messaging.DeliverAsync(
            instanceId,
            new EventRaisedEvent(eventName) { Data = DurableSerializer.Serialize(payload), Timestamp = _timeProvider.GetUtcNow() },
            cancellationToken);
    }

    /// <summary>Stops the instance wherever it is waiting; a finished instance is left as it is.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public async Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default)
    {
        var state = await RequireAsync(instanceId, cancellationToken);
        if (state.Status.IsTerminal())
        {
            return;
        }

        await _messaging.DeliverAsync(
            instanceId,
            new ExecutionTerminatedEvent { Data = DurableSerializer.Serialize(reason), Timestamp = _timeProvider.GetUtcNow() },
            cancellationToken);
    }

    /// <summary>Holds the instance: events wait in its inbox and timers do not fire until it is resumed.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireNotFinishedAsync(instanceId, "suspend", cancellationToken);
        await _messaging.DeliverAsync(
            instanceId,
            new ExecutionSuspendedEvent { Data = DurableSerializer.Serialize(reason), Timestamp = _timeProvider.GetUtcNow() },
            cancellationToken);
    }

    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireNotFinishedAsync(instanceId, "resume", cancellationToken);
        await _messaging.DeliverAsync(
            instanceId,
            new ExecutionResumedEvent { Data = DurableSerializer.Serialize(reason), Timestamp = _timeProvider.GetUtcNow() },
            cancellationToken);
    }

    /// <returns>The instance, or null when there is none with this id.</returns>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool fetchInputsAndOutputs = true, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return null;
        }

        await _hub.EnsureCreatedAsync();
        var state = await _instances.GetAsync(instanceId, cancellationToken);
        return state is null ? null : await ToMetadataAsync(state, fetchInputsAndOutputs, cancellationToken);
    }

    /// <summary>Waits until the instance completes, fails or is terminated. Cancel the token to stop waiting.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool fetchInputsAndOutputs = true, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var changed = _signals.InstanceChanged(instanceId);
            var metadata = await GetInstanceAsync(instanceId, fetchInputsAndOutputs, cancellationToken)
                ?? throw new InstanceNotFoundException($"Instance '{instanceId}' does not exist.");
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.WhenAny(changed, Task.Delay(delay, _timeProvider, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
        }
    }

    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        await _hub.EnsureCreatedAsync();
        var page = await _instances.QueryAsync(ToFilter(query), query.PageSize, query.ContinuationToken, cancellationToken);
        var items = new List<OrchestrationMetadata>(page.Items.Count);
        foreach (var entity in page.Items)
        {
            items.Add(await ToMetadataAsync(InstanceStateRecords.FromEntity(entity), query.FetchInputsAndOutputs, cancellationToken));
        }

        return new OrchestrationQueryPage(items, page.ContinuationToken);
    }

    /// <summary>Deletes a finished instance: its row, history, inbox and payload blobs.</summary>
    /// <returns>False when there was no such instance.</returns>
    /// <exception cref="InstanceStateConflictException">The instance has not finished; terminate it first.</exception>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return false;
        }

        await _hub.EnsureCreatedAsync();
        var state = await _instances.GetAsync(instanceId, cancellationToken);
        if (state is null)
        {
            return false;
        }

        if (!state.Status.IsTerminal())
        {
            throw new InstanceStateConflictException($"Instance '{instanceId}' is {state.Status}; only completed, failed or terminated instances can be purged. Terminate it first.");
        }

        // The row goes first, conditionally: a restart racing the purge keeps its instance.
        try
        {
            if (!await _instances.DeleteAsync(instanceId, state.ETag, cancellationToken))
            {
                return false;
            }
        }
        catch (Stratus.Storage.PreconditionFailedException exception)
        {
            throw new InstanceStateConflictException($"Instance '{instanceId}' changed while it was being purged; try again.", exception);
        }

        await _history.DeletePartitionAsync(instanceId, cancellationToken);
        await _payloads.DeleteAllAsync(instanceId, cancellationToken);
        return true;
    }

    /// <summary>Purges every finished instance created in [from, to) (and, if given, in one of <paramref name="statuses"/>).</summary>
    /// <returns>How many instances were purged.</returns>
    public async Task<int> PurgeInstancesAsync(
        DateTimeOffset? createdFrom, DateTimeOffset? createdTo, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses = null, CancellationToken cancellationToken = default)
    {
        var terminal = (statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s.IsTerminal()).ToList();
        if (terminal.Count == 0)
        {
            return 0;
        }

        var query = new OrchestrationQuery { CreatedFrom = createdFrom, CreatedTo = createdTo, Statuses = terminal, PageSize = 1000 };
        var purged = 0;
        do
        {
            var page = await QueryInstancesAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                try
                {
                    purged += await PurgeInstanceAsync(instance.InstanceId, cancellationToken) ? 1 : 0;
                }
                catch (InstanceStateConflictException)
                {
                    // Restarted since the query: not ours to purge.
                }
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
        return purged;
    }

    /// <summary>The current execution's history, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        await _hub.EnsureCreatedAsync();
        return (await _history.LoadAsync(instanceId, cancellationToken)).History;
    }

    private static TableFilter? ToFilter(OrchestrationQuery query)
    {
        TableFilter? filter = null;
        if (query.Statuses is { Count: > 0 } statuses)
        {
            filter = statuses.Distinct().Select(s => TableFilter.Equal("Status", s.ToString())).Aggregate((a, b) => a | b);
        }

        if (query.Name is { } name)
        {
            filter = And(filter, TableFilter.Equal("Name", name));
        }

        if (query.CreatedFrom is { } from)
        {
            filter = And(filter, TableFilter.GreaterThanOrEqual("CreatedAt", from));
        }

        if (query.CreatedTo is { } to)
        {
            filter = And(filter, TableFilter.LessThan("CreatedAt", to));
        }

        return filter;
    }

    private static TableFilter And(TableFilter? left, TableFilter right) => left is null ? right : left & right;

    private async Task<InstanceState> RequireAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceIds.Validate(instanceId);
        await _hub.EnsureCreatedAsync();
        return await _instances.GetAsync(instanceId, cancellationToken)
            ?? throw new InstanceNotFoundException($"Instance '{instanceId}' does not exist.");
    }

    private async Task RequireNotFinishedAsync(string instanceId, string action, CancellationToken cancellationToken)
    {
        var state = await RequireAsync(instanceId, cancellationToken);
        if (state.Status.IsTerminal())
        {
            throw new InstanceStateConflictException($"Cannot {action} instance '{instanceId}': it is {state.Status}.");
        }
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(InstanceState state, bool fetchInputsAndOutputs, CancellationToken cancellationToken) =>
        new(state.Name, state.InstanceId)
        {
            RuntimeStatus = state.Status,
            CreatedAt = state.CreatedAt,
            LastUpdatedAt = state.LastUpdatedAt,
            CompletedAt = state.CompletedAt,
            SerializedInput = fetchInputsAndOutputs ? await _payloads.ResolveAsync(state.Input.Inline, state.Input.Blob, cancellationToken) : null,
            SerializedOutput = fetchInputsAndOutputs ? await _payloads.ResolveAsync(state.Output.Inline, state.Output.Blob, cancellationToken) : null,
            SerializedCustomStatus = await _payloads.ResolveAsync(state.CustomStatus.Inline, state.CustomStatus.Blob, cancellationToken),
            FailureDetails = state.Failure,
            ParentInstanceId = state.Parent?.InstanceId,
        };
}
