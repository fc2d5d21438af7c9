using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Stratus.Apps;
using Stratus.Apps.Jobs;
using Stratus.Apps.Pools;
using Stratus.Orchestrations.Apps;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>
/// Starts runs: records the run, then starts its orchestration. A scheduled firing's run id comes from the job and the
/// due time, so two hosts (or a retried timer) firing the same due time insert one run and start one orchestration.
/// The job's concurrency policy applies first: <c>Forbid</c> skips while a run is active, <c>Replace</c> stops the
/// active runs' containers (they end failed) and starts the new one.
/// </summary>
public sealed partial class AppJobTrigger(AppJobRunStore runs, PoolStore pools, PoolDrivers drivers, DurableTaskClient durable, TimeProvider time, ILogger<AppJobTrigger> logger)
{
    /// <summary>A run asked for by <paramref name="owner"/> (<c>POST /jobs/{name}/trigger</c>), whatever the job's schedule.</summary>
    public Task<AppJobTriggerResult> TriggerAsync(AppJob job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return StartAsync(job, new AppJobRun(job.Name, TimeOrderedId.New(now), AppJobRunTriggers.Manual, null, AppJobRunStatus.Pending, owner, now), cancellationToken);
    }

    /// <summary>The run of the job's schedule for <paramref name="dueAt"/>; idempotent per job and due time.</summary>
    public Task<AppJobTriggerResult> FireAsync(AppJob job, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        StartAsync(job, new AppJobRun(job.Name, AppJobKeys.ScheduledRunId(job.Name, dueAt), AppJobRunTriggers.Schedule, dueAt, AppJobRunStatus.Pending, "schedule", time.GetUtcNow()), cancellationToken);

    private async Task<AppJobTriggerResult> StartAsync(AppJob job, AppJobRun run, CancellationToken cancellationToken)
    {
        var input = new AppJobRunInput(job.Name, run.Id);
        if (await runs.GetAsync(job.Name, run.Id, cancellationToken) is { } existing)
        {
            await ResumeAsync(existing, input, cancellationToken);
            return new AppJobTriggerResult(existing, true, null);
        }

        var active = (await runs.ActiveAsync(job.Name, cancellationToken)).Where(r => r.Id != run.Id).ToList();
        if (active.Count > 0 && job.ConcurrencyPolicy == AppJobConcurrency.Forbid)
        {
            var skipped = $"Skipped: the concurrency policy is Forbid and run {active[0].Id} is {active[0].Status}.";
            LogSkipped(logger, job.Name, run.DueAt, skipped);
            return new AppJobTriggerResult(null, false, skipped);
        }

        if (await runs.CreateAsync(run, cancellationToken) is not { } created)
        {
            // Another host recorded it between our read and our insert.
            return new AppJobTriggerResult(await runs.GetAsync(job.Name, run.Id, cancellationToken), true, null);
        }

        if (job.ConcurrencyPolicy == AppJobConcurrency.Replace)
        {
            // The pool's runner: a podman container or a Kubernetes Job (deleted, its pods with it).
            var runner = await pools.GetAsync(job.Pool, cancellationToken) is { } pool ? drivers.JobRunner(pool) : null;
            foreach (var old in active)
            {
                LogReplacing(logger, job.Name, old.Id, created.Id);
                if (runner is not null)
                {
                    await runner.StopAsync(job.Name, old.Id, cancellationToken);
                }
            }
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(AppJobRunOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cancellationToken);
        LogStarted(logger, job.Name, created.Id, created.Trigger);
        return new AppJobTriggerResult(created, false, null);
    }

    /// <summary>A run recorded by a trigger that died before starting its orchestration is started now.</summary>
    private async Task ResumeAsync(AppJobRun existing, AppJobRunInput input, CancellationToken cancellationToken)
    {
        if (existing.Status == AppJobRunStatus.Pending && await durable.GetInstanceAsync(input.InstanceId, cancellationToken) is null)
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(AppJobRunOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cancellationToken);
        }
    }

    [LoggerMessage(EventId = 7410, Level = LogLevel.Information, Message = "Job {Job} run {RunId} started ({Trigger})")]
    private static partial void LogStarted(ILogger logger, string job, string runId, string trigger);

    [LoggerMessage(EventId = 7411, Level = LogLevel.Warning, Message = "Job {Job} firing due {DueAt:o}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string job, DateTimeOffset? dueAt, string reason);

    [LoggerMessage(EventId = 7412, Level = LogLevel.Information, Message = "Job {Job} run {OldRunId} stopped: run {RunId} replaces it")]
    private static partial void LogReplacing(ILogger logger, string job, string oldRunId, string runId);
}
