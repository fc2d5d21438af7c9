using Microsoft.DurableTask;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// A workspace's job queue: one eternal orchestration per workspace runs its pending jobs first in first out, one at
/// a time, each as a sub-orchestration. A locked workspace holds the queue until it is unlocked. New jobs and unlocks
/// wake it at once through events; a periodic re-check means a lost signal can delay a job, never strand it. Each
/// execution starts by reading the workspace's state, so events nobody awaited are dropped at continue-as-new rather
/// than carried along: they would only pile up (one per job added while another ran) and say nothing the state does not.
/// </summary>
public sealed class WorkspaceQueueOrchestrator : TaskOrchestrator<WorkspaceQueueInput, string>
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, WorkspaceQueueInput input)
    {
        var next = await context.CallActivityAsync<NextJob>(nameof(NextJobActivity), input, Retry);
        if (next.WorkspaceGone)
        {
            return "workspace gone";
        }

        if (next.WorkspaceLocked || next.JobId is null)
        {
            await WaitAsync(context, next.WorkspaceLocked ? JobEvents.Unlocked : JobEvents.JobAdded);
            context.ContinueAsNew(input, preserveUnprocessedEvents: false);
            return "waiting";
        }

        var job = new JobInput(input.Organization, input.Workspace, next.JobId.Value);
        try
        {
            await context.CallSubOrchestratorAsync<string>(nameof(JobOrchestrator), job, new SubOrchestrationOptions(instanceId: job.InstanceId));
        }
        catch (TaskFailedException ex)
        {
            // The job orchestration itself broke: record it so the job does not look alive, then go on with the queue.
            // The innermost failure is the cause; the outer ones only say which task wrapped it.
            var cause = ex.FailureDetails;
            while (cause.InnerFailure is not null)
            {
                cause = cause.InnerFailure;
            }

            await context.CallActivityAsync(nameof(FinishJobActivity), new JobFinish(job.Organization, job.Workspace, job.JobId, Infra.Jobs.JobStatus.Failed, cause.ErrorMessage), Retry);
        }

        context.ContinueAsNew(input, preserveUnprocessedEvents: false);
        return "next";
    }

    private static async Task WaitAsync(TaskOrchestrationContext context, string eventName)
    {
        try
        {
            await context.WaitForExternalEvent<string>(eventName, Recheck);
        }
        catch (TaskCanceledException)
        {
            // Nothing arrived: look again anyway.
        }
    }
}
