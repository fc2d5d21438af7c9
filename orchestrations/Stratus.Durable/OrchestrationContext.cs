using Microsoft.Extensions.Logging;

namespace Stratus.Durable;

/// <summary>
/// What an orchestrator may do. Everything here is recorded in history and replayed, so orchestrator code that only
/// uses the context is deterministic. Mirrors Durable Functions' <c>TaskOrchestrationContext</c>.
/// </summary>
public abstract class OrchestrationContext
{
    public abstract string InstanceId { get; }

    public abstract string Name { get; }

    /// <summary>The instance that started this one as a sub-orchestration, if any.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>The time of the current episode, from history: the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs steps that history already holds.</summary>
    public abstract bool IsReplaying { get; }

    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null);

    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null) =>
        CallActivityAsync<object?>(name, input, retry);

    /// <summary>A durable timer. Cancelling the token lets the orchestration finish without waiting for it.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an event raised by a client. With a timeout, throws <see cref="TimeoutException"/> when it passes first.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null);

    /// <summary>Starts another orchestration and waits for its output. The child's id defaults to <c>{this id}:{step}</c>.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null);

    public Task CallSubOrchestratorAsync(string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null) =>
        CallSubOrchestratorAsync<object?>(name, input, instanceId, retry);

    /// <summary>
    /// Restarts this instance with a fresh, empty history and <paramref name="input"/> once the orchestrator returns.
    /// With <paramref name="preserveUnprocessedEvents"/>, events that arrived but were not yet awaited carry over.
    /// </summary>
    public abstract void ContinueAsNew(object? input, bool preserveUnprocessedEvents = false);

    /// <summary>A small JSON-serializable value clients can read while the instance runs.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays quiet while replaying, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(ILogger logger);
}
