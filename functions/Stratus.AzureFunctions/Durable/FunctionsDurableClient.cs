using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Stratus.Api.Orchestrations;
using Stratus.Durable;

namespace Stratus.AzureFunctions.Durable;

/// <summary>
/// The binding's client as Stratus's code expects a Durable Task client to behave. The extension's gRPC client
/// reports a duplicate start, a missing instance and a finished instance as <see cref="RpcException"/> status codes;
/// the code that starts and signals orchestrations (the job queue, the app operations, the operator API) is written
/// against the exceptions <see cref="StratusDurableTaskClient"/> throws. Everything else passes straight through.
/// </summary>
internal sealed class FunctionsDurableClient(DurableTaskClient inner) : DurableTaskClient(inner.Name), IOrchestrationHistoryReader
{
    public DurableTaskClient Inner => inner;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        Translate(() => inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation), options?.InstanceId);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        Translate(() => inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation), instanceId);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Translate(() => inner.TerminateInstanceAsync(instanceId, options, cancellation), instanceId);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Translate(() => inner.SuspendInstanceAsync(instanceId, reason, cancellation), instanceId);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Translate(() => inner.ResumeInstanceAsync(instanceId, reason, cancellation), instanceId);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Translate(() => inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation), instanceId);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        inner.GetAllInstancesAsync(filter);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Translate(() => inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation), instanceId);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Translate(() => inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation), instanceId);

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Translate(() => inner.PurgeInstanceAsync(instanceId, options, cancellation), instanceId);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeAllInstancesAsync(filter, options, cancellation);

    public override Task<IList<DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Translate(() => inner.GetOrchestrationHistoryAsync(instanceId, cancellation), instanceId);

    /// <summary>The stored JSON where the inner client can read it; otherwise the typed events, in the same shape.</summary>
    public Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Translate(() => OrchestrationHistoryJson.ReadAsync(inner, instanceId, cancellation), instanceId);

    // The binding owns its client; disposing the wrapper leaves it alone.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static Exception? TranslateRpc(RpcException exception, string? instanceId) => exception.StatusCode switch
    {
        StatusCode.AlreadyExists => new InstanceAlreadyExistsException($"Orchestration instance '{instanceId}' already exists: {exception.Status.Detail}", exception),
        StatusCode.NotFound => new InstanceNotFoundException($"No orchestration instance '{instanceId}': {exception.Status.Detail}", exception),
        StatusCode.FailedPrecondition => new InstanceStateConflictException($"Orchestration instance '{instanceId}' is not in a state that allows this: {exception.Status.Detail}", exception),
        _ => null,
    };

    private static async Task Translate(Func<Task> call, string? instanceId)
    {
        try
        {
            await call();
        }
        catch (RpcException ex) when (TranslateRpc(ex, instanceId) is { } translated)
        {
            throw translated;
        }
    }

    private static async Task<T> Translate<T>(Func<Task<T>> call, string? instanceId)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (TranslateRpc(ex, instanceId) is { } translated)
        {
            throw translated;
        }
    }
}
