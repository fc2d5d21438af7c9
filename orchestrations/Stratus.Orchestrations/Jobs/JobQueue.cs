using Stratus.Durable;
using Stratus.Durable.Client;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Wakes a workspace's queue: starts its orchestration, or, when it already runs, tells it a job was added or the
/// workspace unlocked. Pickup is therefore event-driven: a job on an idle workspace starts at once, not on a tick.
/// </summary>
public sealed class JobQueue(DurableClient durable)
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
    }

    public async Task DecideAsync(string organization, string workspace, int jobId, ApprovalDecision decision, CancellationToken cancellationToken) =>
        await durable.RaiseEventAsync(new JobInput(organization, workspace, jobId).InstanceId, JobEvents.Approval, decision, cancellationToken);

    private async Task WakeAsync(WorkspaceQueueInput input, string eventName, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(WorkspaceQueueOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cancellationToken);
        }
        catch (InstanceAlreadyExistsException)
        {
            await durable.RaiseEventAsync(input.InstanceId, eventName, eventName, cancellationToken);
        }
    }
}
