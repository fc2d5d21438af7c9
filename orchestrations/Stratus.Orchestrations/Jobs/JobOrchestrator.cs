using Microsoft.DurableTask;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// One job: walks its template's flows in step order. Executor flows (plan, apply, destroy, scripts) are activities;
/// an approval waits for the <c>approval</c> event with a timeout; a <c>cancel</c> event ends the job wherever it is
/// (a running step is stopped by the executor, which watches the job's cancel flag). The job always ends in a final
/// status with its remaining steps marked, so nothing is left looking alive.
/// </summary>
public sealed class JobOrchestrator : TaskOrchestrator<JobInput, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, JobInput input)
    {
        var start = await context.CallActivityAsync<JobStart>(nameof(StartJobActivity), input, Retry);
        if (!start.Run)
        {
            return start.Status ?? JobStatus.Failed;
        }

        var cancel = context.WaitForExternalEvent<string>(JobEvents.Cancel);
        var status = JobStatus.Completed;
        string? reason = null;
        foreach (var step in start.Steps)
        {
            if (cancel.IsCompleted)
            {
                (status, reason) = (JobStatus.Cancelled, "Cancelled.");
                break;
            }

            var outcome = await RunStepAsync(context, input, step, start.ApprovalTimeout, cancel);
            if (outcome is null)
            {
                continue;
            }

            (status, reason) = outcome.Value;
            break;
        }

        await context.CallActivityAsync(nameof(FinishJobActivity), new JobFinish(input.Organization, input.Workspace, input.JobId, status, reason), Retry);
        return status;
    }

    /// <returns><c>null</c> to go on with the next step, or the job's final status and reason.</returns>
    private static async Task<(string Status, string? Reason)?> RunStepAsync(TaskOrchestrationContext context, JobInput job, PlannedStep step, TimeSpan approvalTimeout, Task<string> cancel)
    {
        var stepInput = new StepInput(job.Organization, job.Workspace, job.JobId, step.Number);
        switch (step.Type)
        {
            case var type when TclFlowType.RunsOnExecutor(type):
                StepResult result;
                try
                {
                    result = await context.CallActivityAsync<StepResult>(nameof(RunExecutorStepActivity), stepInput);
                }
                catch (TaskFailedException ex)
                {
                    // The step runner records its own failures; an exception means it could not (e.g. a store outage).
                    result = new StepResult(StepOutcome.Failed, $"Step {step.Number} could not run: {ex.FailureDetails.ErrorMessage}");
                }

                return result.Outcome switch
                {
                    StepOutcome.Completed => null,
                    StepOutcome.NoChanges => (JobStatus.NoChanges, (string?)"The plan has no changes."),
                    StepOutcome.Cancelled => (JobStatus.Cancelled, result.Reason ?? "Cancelled."),
                    _ when step.IgnoreError => null,
                    _ => (JobStatus.Failed, result.Reason),
                };

            case TclFlowType.Approval:
                return await WaitForApprovalAsync(context, job, step, approvalTimeout, cancel);

            case TclFlowType.DisableWorkspace:
                await context.CallActivityAsync(nameof(DisableWorkspaceActivity), stepInput, Retry);
                return null;

            case TclFlowType.ScheduleTemplates:
                var scheduled = await context.CallActivityAsync<StepResult>(nameof(ScheduleTemplatesActivity), stepInput, Retry);
                return scheduled.Outcome == StepOutcome.Completed || step.IgnoreError ? null : (JobStatus.Failed, scheduled.Reason);

            default:
                await context.CallActivityAsync(nameof(SetStatusActivity), new StepStatusChange(job.Organization, job.Workspace, job.JobId, step.Number, StepStatus.Failed, null, $"Flow type '{step.Type}' is not supported yet."), Retry);
                return step.IgnoreError ? null : (JobStatus.Failed, $"Step {step.Number}: flow type '{step.Type}' is not supported yet.");
        }
    }

    private static async Task<(string Status, string? Reason)?> WaitForApprovalAsync(TaskOrchestrationContext context, JobInput job, PlannedStep step, TimeSpan timeout, Task<string> cancel)
    {
        await context.CallActivityAsync(nameof(SetStatusActivity), new StepStatusChange(job.Organization, job.Workspace, job.JobId, step.Number, StepStatus.Running, JobStatus.WaitingApproval, null), Retry);
        using var timerCancellation = new CancellationTokenSource();
        var decision = context.WaitForExternalEvent<ApprovalDecision>(JobEvents.Approval);
        var timer = context.CreateTimer(context.CurrentUtcDateTime.Add(timeout), timerCancellation.Token);
        var first = await Task.WhenAny(decision, cancel, timer);
        if (first != timer)
        {
            timerCancellation.Cancel();
        }

        if (first == decision)
        {
            // The API always sends a decision; a hand-raised event without one counts as a rejection by nobody.
            var approved = decision.Result?.Approved == true;
            var by = decision.Result?.By ?? "an event without a decision";
            await context.CallActivityAsync(nameof(SetStatusActivity), new StepStatusChange(
                job.Organization, job.Workspace, job.JobId, step.Number,
                approved ? StepStatus.Completed : StepStatus.Failed,
                approved ? JobStatus.Running : null,
                (approved ? "Approved by " : "Rejected by ") + by), Retry);
            if (!approved && step.HasOnReject)
            {
                try
                {
                    await context.CallActivityAsync<StepResult>(nameof(RunExecutorStepActivity), new StepInput(job.Organization, job.Workspace, job.JobId, step.Number, StepInput.OnReject));
                }
                catch (TaskFailedException ex)
                {
                    return (JobStatus.Rejected, $"Rejected by {by}; the onReject step could not run: {ex.FailureDetails.ErrorMessage}");
                }
            }

            return approved ? null : (JobStatus.Rejected, $"Rejected by {by}.");
        }

        return first == cancel
            ? (JobStatus.Cancelled, "Cancelled while waiting for approval.")
            : (JobStatus.Failed, $"No approval decision within {timeout}; the job timed out.");
    }
}
