using Microsoft.DurableTask;
using Stratus.Apps.Jobs;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>
/// One run of an app job, after its trigger recorded it (<see cref="AppJobTrigger"/>): run the container to completion
/// (<see cref="RunAppJobActivity"/>), then record how it ended (<see cref="FinishAppJobRunActivity"/>). The record step
/// runs whatever the run step did, so no run stays "running".
/// </summary>
public sealed class AppJobRunOrchestrator : TaskOrchestrator<AppJobRunInput, string>
{
    // Recording is idempotent and retried; the run itself is not retried blindly (the job's backoffLimit is its retry).
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, AppJobRunInput input)
    {
        AppJobRunOutcome outcome;
        try
        {
            outcome = await context.CallActivityAsync<AppJobRunOutcome>(nameof(RunAppJobActivity), input);
        }
        catch (TaskFailedException ex)
        {
            outcome = new AppJobRunOutcome(null, 0, ex.FailureDetails.ErrorMessage);
        }

        await context.CallActivityAsync<bool>(nameof(FinishAppJobRunActivity), new AppJobRunFinish(input, outcome), Retry);
        return outcome.Succeeded ? AppJobRunStatus.Succeeded : AppJobRunStatus.Failed;
    }
}
