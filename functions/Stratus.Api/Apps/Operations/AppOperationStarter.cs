using Microsoft.Extensions.Options;
using Stratus.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Operations;

/// <summary>
/// Starts an app operation the way Tsuru does: the app's lock first (one operation per app; a second one gets the
/// holder, or waits up to <c>wait</c> for it), then the event, the deploy history entry and the orchestration, all
/// under one id. A lock whose holder stopped renewing it is taken over, and that holder's event is closed as failed,
/// so nothing stays "running" forever. If a later step fails, what was done is undone.
/// </summary>
internal sealed partial class AppOperationStarter(
    AppEventStore events,
    AppLockStore locks,
    DeployStore deploys,
    DurableTaskClient durable,
    IOptions<AppPipelineOptions> options,
    TimeProvider time,
    ILogger<AppOperationStarter> logger)
{
    private static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(250);

    /// <param name="applyUnderLock">A change to the app's stored state (env, units, cnames) made once the lock is held, so a refused request changes nothing.</param>
    /// <param name="rollout">False records the change as an event that ends at once (e.g. env set with noRestart) instead of starting the pipeline.</param>
    public async Task<AppOperationStart> StartAsync(
        AppOperationInput request, int? version, string? image, TimeSpan wait, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? applyUnderLock = null, bool rollout = true)
    {
        var id = TimeOrderedId.New(time.GetUtcNow());
        var deadline = time.GetUtcNow() + wait;
        var lease = options.Value.LockLease;
        while (true)
        {
            var before = await locks.GetAsync(request.App, cancellationToken);
            var acquired = await locks.TryAcquireAsync(request.App, id, request.Kind, request.Owner, lease, cancellationToken);
            if (acquired.Acquired)
            {
                if (before is not null && before.EventId != id)
                {
                    await CloseAbandonedAsync(before, cancellationToken);
                }

                break;
            }

            // The last step of an operation closes its event, then releases the lock: a caller that saw the event end
            // may come in between. An ended event's lock holds nothing, so let it go (by holder, so only that lock).
            if (acquired.Holder is { } holder && await events.GetAsync(holder.EventId, cancellationToken) is { Running: false })
            {
                await locks.ReleaseAsync(request.App, holder.EventId, cancellationToken);
                continue;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return new AppOperationStart(null, acquired.Holder);
            }

            await Task.Delay(WaitPoll, time, cancellationToken);
        }

        var operation = request with { EventId = id };
        try
        {
            var started = await events.StartAsync(EventTarget.App(request.App), request.Kind, request.Owner, cancelable: AppOperationKinds.Builds(request.Kind), customData: null, cancellationToken, id);
            if (applyUnderLock is not null)
            {
                await applyUnderLock(cancellationToken);
            }

            if (!rollout)
            {
                await events.AppendLogAsync(id, ["---- succeeded: the change applies at the next deploy or restart ----"], cancellationToken);
                var finished = await events.FinishAsync(id, EventStatus.Succeeded, null, cancellationToken);
                await locks.ReleaseAsync(request.App, id, cancellationToken);
                return new AppOperationStart(finished ?? started, null);
            }

            if (request.Kind is AppOperationKinds.Deploy or AppOperationKinds.Rollback)
            {
                await deploys.CreateAsync(new Deploy(id, request.App, version, image, request.Owner, request.Origin, request.Message, started.StartedAt, null, null, false, id), cancellationToken);
            }

            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(AppOperationOrchestrator), operation, new StartOrchestrationOptions(id), cancellationToken);
            return new AppOperationStart(started, null);
        }
        catch (Exception ex)
        {
            LogStartFailed(logger, request.App, request.Kind, ex);
            await UndoAsync(request.App, id, ex.Message);
            throw;
        }
    }

    private async Task CloseAbandonedAsync(AppLock abandoned, CancellationToken cancellationToken)
    {
        var error = $"Its holder stopped renewing the app's lock (last renewed {abandoned.RenewedAt:O}); the operation was abandoned.";
        LogAbandoned(logger, abandoned.App, abandoned.EventId);
        await events.AppendLogAsync(abandoned.EventId, [$"---- failed: {error} ----"], cancellationToken);
        await events.FinishAsync(abandoned.EventId, EventStatus.Failed, error, cancellationToken);
        if (await deploys.GetAsync(abandoned.EventId, cancellationToken) is not null)
        {
            await deploys.FinishAsync(abandoned.EventId, error, cancellationToken);
        }
    }

    private async Task UndoAsync(string app, string id, string error)
    {
        try
        {
            if (await events.GetAsync(id, CancellationToken.None) is not null)
            {
                await events.FinishAsync(id, EventStatus.Failed, $"The operation could not start: {error}", CancellationToken.None);
            }

            await locks.ReleaseAsync(app, id, CancellationToken.None);
        }
        catch (Exception undo) when (undo is not OperationCanceledException)
        {
            // The lease still expires on its own; the next operation closes the event.
            LogUndoFailed(logger, app, undo);
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "Could not start {Kind} on app {App}")]
    private static partial void LogStartFailed(ILogger logger, string app, string kind, Exception exception);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "App {App}: took over the lock of abandoned event {EventId}")]
    private static partial void LogAbandoned(ILogger logger, string app, string eventId);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "App {App}: could not undo a failed start")]
    private static partial void LogUndoFailed(ILogger logger, string app, Exception exception);
}
