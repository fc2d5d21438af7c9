using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Stratus.Durable;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Wakes a workspace's queue: starts its orchestration, or, when it already runs, tells it a job was added or the
/// workspace unlocked. Pickup is therefore event-driven: a job on an idle workspace starts at once, not on a tick.
/// </summary>
public sealed class JobQueue(DurableTaskClient durable)
{
    public Task JobAddedAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        WakeAsync(new WorkspaceQueueInput(organization, workspace), JobEvents.JobAdded, cancellationToken);

    public Task UnlockedAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        WakeAsync(new WorkspaceQueueInput(organization, workspace), JobEvents.Unlocked, cancellationToken);

    /// <summary>Asks a running job to stop: the orchestration hears the event; the executor sees the job's cancel flag.</summary>
    public async Task CancelAsync(string organization, string workspace, int jobId, CancellationToken cancellationToken)
    {
        try
        {
            await durable.RaiseEventAsync(new JobInput(organization, workspace, jobId).InstanceId, JobEvents.Cancel, "cancel", cancellationToken);
        }
        catch (InstanceNotFoundException)
        {
            // Not started yet: the queue will find it cancelled and skip it.
        }
        catch (InstanceStateConflictException)
        {
            // Already finished: nothing to stop.
        }
    }

    public async Task DecideAsync(string organization, string workspace, int jobId, ApprovalDecision decision, CancellationToken cancellationToken) =>
        await durable.RaiseEventAsync(new JobInput(organization, workspace, jobId).InstanceId, JobEvents.Approval, decision, cancellationToken);

    private async Task WakeAsync(WorkspaceQueueInput input, string eventName, CancellationToken cancellationToken)
    {
        // Ask first, then start or signal. A refused start cannot tell by itself: DTFx's Azure Storage backend and the
        // SDK's gRPC sidecar accept a second start of a running instance. The queue may finish (its workspace deleted)
        // or be started by another caller in between; then look again.
        for (var attempt = 1; ; attempt++)
        {
            var current = await durable.GetInstanceAsync(input.InstanceId, cancellationToken);
            if (current?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            {
                try
                {
                    await durable.RaiseEventAsync(input.InstanceId, eventName, eventName, cancellationToken);
                    return;
                }
                catch (Exception ex) when (ex is InstanceStateConflictException or InstanceNotFoundException && attempt < 3)
                {
                    continue;
                }
            }

            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(nameof(WorkspaceQueueOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cancellationToken);
                return;
            }
            catch (InstanceAlreadyExistsException) when (attempt < 3)
            {
            }
        }
    }
}
