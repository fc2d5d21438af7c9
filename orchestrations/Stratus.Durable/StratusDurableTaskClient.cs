using System.Globalization;
using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using SdkOrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;

namespace Stratus.Durable;

/// <summary>
/// The Durable Task SDK's <see cref="DurableTaskClient"/> over DTFx's client interfaces, so starting and managing
/// instances is the same code whichever backend runs them (and the same code as on Durable Functions). Requests that
/// name a missing instance throw <see cref="InstanceNotFoundException"/>; requests a finished instance cannot take
/// throw <see cref="InstanceStateConflictException"/>, so callers can answer 404 and 409.
/// </summary>
public sealed class StratusDurableTaskClient : DurableTaskClient, IOrchestrationHistoryReader
{
    private static readonly CoreStatus[] ActiveStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private readonly IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;

    public StratusDurableTaskClient(IOrchestrationServiceClient client, TimeProvider time, DataConverter? converter = null)
        : base("stratus")
    {
        _client = client;
        _time = time;
        _converter = converter ?? JsonDataConverter.Default;
    }

    /// <remarks>Without <see cref="StartOrchestrationOptions.DedupeStatuses"/>, an id whose instance is pending, running or suspended is refused.</remarks>
    /// <exception cref="InstanceAlreadyExistsException">An instance with the id exists in a refused status.</exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [];
        tags[OrchestrationTags.CreateTraceForNewOrchestration] = "true";
        tags[OrchestrationTags.RequestTime] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, _converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version?.Version ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = tags,
            },
        };

        var dedupe = options?.DedupeStatuses is { Count: > 0 } statuses
            ? [.. statuses.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true).ToCore())]
            : ActiveStatuses;
        try
        {
            await _client.CreateTaskOrchestrationAsync(message, dedupe);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            throw new InstanceAlreadyExistsException($"An instance '{instanceId}' already exists and is still active.", ex);
        }

        return instanceId;
    }

    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceStateConflictException">The instance has finished.</exception>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireActiveAsync(instanceId, "raise an event for");
        await SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName });
    }

    /// <remarks>A finished instance is left as it is.</remarks>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var state = await RequireStateAsync(instanceId);
        if (!state.OrchestrationStatus.IsFinal())
        {
            await _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));
        }
    }

    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceStateConflictException">The instance has finished.</exception>
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireActiveAsync(instanceId, "suspend");
        await SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));
    }

    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceStateConflictException">The instance has finished.</exception>
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireActiveAsync(instanceId, "resume");
        await SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var state = await GetStateAsync(instanceId);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(SdkOrchestrationQuery? filter = null)
    {
        var queries = Require<IOrchestrationServiceQueryClient>("query");
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCore()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? SdkOrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                [.. result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs))],
                result.ContinuationToken);
        });
    }

    /// <summary>Polls the status once a second (the SDK's cadence) until the instance leaves Pending.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InstanceNotFoundException($"Instance '{instanceId}' does not exist.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellation);
        }
    }

    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await RequireStateAsync(instanceId);
        var state = await _client.WaitForOrchestrationAsync(instanceId, null, Timeout.InfiniteTimeSpan, cancellation);
        if (state is null)
        {
            // Azure Storage's wait returns null, not a cancellation, when the token fires between two polls.
            cancellation.ThrowIfCancellationRequested();
            throw new InstanceNotFoundException($"Instance '{instanceId}' does not exist.");
        }

        return ToMetadata(state, getInputsAndOutputs);
    }

    /// <returns>0 when there is no such instance.</returns>
    /// <exception cref="InstanceStateConflictException">The instance has not finished; terminate it first.</exception>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var state = await GetStateAsync(instanceId);
        if (state is null)
        {
            return new PurgeResult(0);
        }

        if (!state.OrchestrationStatus.IsFinal())
        {
            throw new InstanceStateConflictException(
                $"Instance '{instanceId}' is {state.OrchestrationStatus}; only completed, failed or terminated instances can be purged. Terminate it first.");
        }

        var result = await Require<IOrchestrationServicePurgeClient>("purge").PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var statuses = (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Select(s => s.ToCore())
            .Where(s => s.IsFinal())
            .ToList();
        var coreFilter = new PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses);
        var result = await Require<IOrchestrationServicePurgeClient>("purge").PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>The current execution's history events, oldest first, as DTFx serializes them (<c>EventType</c>, <c>EventId</c>, …).</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        var state = await RequireStateAsync(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var json = await _client.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId);
        return string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonArray events
            ? []
            : [.. events.OfType<JsonObject>()];
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent historyEvent) =>
        _client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });

    private async Task<OrchestrationState?> GetStateAsync(string instanceId)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return null;
        }

        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(s => s is not null);
    }

    private async Task<OrchestrationState> RequireStateAsync(string instanceId) =>
        await GetStateAsync(instanceId) ?? throw new InstanceNotFoundException($"Instance '{instanceId}' does not exist.");

    private async Task RequireActiveAsync(string instanceId, string action)
    {
        var state = await RequireStateAsync(instanceId);
        if (state.OrchestrationStatus.IsFinal())
        {
            throw new InstanceStateConflictException($"Cannot {action} instance '{instanceId}': it is {state.OrchestrationStatus}.");
        }
    }

    private T Require<T>(string capability)
        where T : class =>
        _client as T ?? throw new NotSupportedException($"The configured durable backend does not support {capability}.");

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool includeInputsAndOutputs)
    {
        var failure = FailureOf(state);
        return new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = _converter,
            RuntimeStatus = state.OrchestrationStatus.FromCore(),
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = includeInputsAndOutputs ? state.Input : null,
            SerializedOutput = includeInputsAndOutputs && failure is null ? state.Output : null,
            SerializedCustomStatus = state.Status,
            Tags = state.Tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(state.Tags),
            FailureDetails = failure,
        };
    }

    /// <summary>
    /// A failed instance's failure. Azure Storage keeps no FailureDetails column: it stores the failure as the
    /// instance's output, as DTFx's <c>FailureDetails.ToString()</c> ("ErrorType: ErrorMessage").
    /// </summary>
    private static TaskFailureDetails? FailureOf(OrchestrationState state)
    {
        if (state.FailureDetails is { } failure)
        {
            return ToTaskFailureDetails(failure);
        }

        if (state.OrchestrationStatus != CoreStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        var separator = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !state.Output[..separator].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(state.Output[..separator], state.Output[(separator + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", state.Output, null, null, null);
    }

    private static TaskFailureDetails ToTaskFailureDetails(FailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToTaskFailureDetails(inner) : null, null);
}
