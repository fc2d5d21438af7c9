using Microsoft.Extensions.Logging;
using Stratus.Apps.Apps;
using Stratus.Apps.Jobs;
using Stratus.Apps.Plans;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;
using Stratus.Kubernetes.Runtime;
using Stratus.Orchestrations.Apps;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>
/// Runs one recorded run of a job: resolves the image (a job from an app runs its serving version's image, looked up
/// now), the env and the plan, marks the run running, runs the container with the pool's runner and writes every
/// line to the run's log blob (flushed about once a second, so <c>log --follow</c> sees it live and it outlives the
/// container). <see cref="FinishAsync"/> then records the end.
/// </summary>
public sealed partial class AppJobExecutor(
    AppJobStore jobs,
    AppJobRunStore runs,
    AppStore apps,
    AppVersionStore versions,
    PlanStore plans,
    PoolStore pools,
    PoolDrivers drivers,
    IStorageAccount storage,
    TimeProvider time,
    ILogger<AppJobExecutor> logger)
{
    public async Task<AppJobRunOutcome> RunAsync(AppJobRunInput input, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(input.Job, input.RunId, cancellationToken) is not { } run || await jobs.GetAsync(input.Job, cancellationToken) is not { } job)
        {
            return new AppJobRunOutcome(null, 0, $"The job '{input.Job}' or its run {input.RunId} no longer exists.");
        }

        if (!AppJobRunStatus.IsActive(run.Status))
        {
            // The run ended already (this activity was delivered again after its end was recorded).
            return new AppJobRunOutcome(run.ExitCode, run.Attempts, run.Error);
        }

        await using var log = await StepLog.OpenAsync(storage, run.LogBlob, cancellationToken);
        var (spec, runner, problem) = await ResolveAsync(job, run, cancellationToken);
        if (spec is null || runner is null || problem is not null)
        {
            log.Write($"---- failed before the container started: {problem} ----");
            return new AppJobRunOutcome(null, 0, problem);
        }

        await runs.UpdateAsync(job.Name, run.Id, r => r with { Status = AppJobRunStatus.Running, StartedAt = time.GetUtcNow(), Image = spec.Image }, cancellationToken);
        LogStarting(logger, job.Name, run.Id, spec.Image);
        log.Write($"---- run {run.Id} of job '{job.Name}' ({run.Trigger}): {spec.Image}{(spec.Command.Count > 0 ? " " + string.Join(' ', spec.Command) : "")} ----");
        var result = await runner.RunAsync(spec, log.Write, cancellationToken);
        log.Write(result.Error is { } error
            ? $"---- failed: {error} ----"
            : $"---- exited {result.ExitCode} after {result.Attempts} attempt{(result.Attempts == 1 ? "" : "s")} ----");
        return new AppJobRunOutcome(result.ExitCode, result.Attempts, result.Error);
    }

    /// <summary>Records the run's end (idempotent: a second call writes the same).</summary>
    public async Task<bool> FinishAsync(AppJobRunFinish finish, CancellationToken cancellationToken)
    {
        var (input, outcome) = finish;
        var now = time.GetUtcNow();
        var recorded = await runs.UpdateAsync(input.Job, input.RunId, r => r with
        {
            Status = outcome.Succeeded ? AppJobRunStatus.Succeeded : AppJobRunStatus.Failed,
            FinishedAt = r.FinishedAt ?? now,
            ExitCode = outcome.ExitCode,
            Attempts = outcome.Attempts,
            Error = outcome.Error ?? (outcome.ExitCode is { } code and not 0 ? $"The container exited {code}." : null),
        }, cancellationToken);
        LogFinished(logger, input.Job, input.RunId, outcome.ExitCode, outcome.Error);
        return recorded is not null;
    }

    private async Task<(JobRunSpec? Spec, IJobRunner? Runner, string? Problem)> ResolveAsync(AppJob job, AppJobRun run, CancellationToken cancellationToken)
    {
        if (await pools.GetAsync(job.Pool, cancellationToken) is not { } pool)
        {
            return (null, null, $"The job's pool '{job.Pool}' no longer exists.");
        }

        if (drivers.JobRunner(pool) is not { } runner)
        {
            return (null, null, $"Pool '{pool.Name}' uses the '{pool.Provisioner}' provisioner, whose jobs this host does not run (is podman installed?).");
        }

        var image = job.Container.Image;
        if (job.Container.App is { } appName)
        {
            if (await apps.GetAsync(appName, cancellationToken) is not { CurrentVersion: { } number })
            {
                return (null, null, $"The job runs app '{appName}''s image, but that app does not exist or has no deployed version yet.");
            }

            image = (await versions.GetAsync(appName, number, cancellationToken))?.Image;
            if (image is null)
            {
                return (null, null, $"App '{appName}''s version {number} has no image.");
            }
        }

        var env = await jobs.GetEnvForRunAsync(job.Name, cancellationToken);
        var plan = await plans.GetAsync(job.Plan, cancellationToken);
        var spec = new JobRunSpec(
            job.Name, run.Id, image!, job.Container.Command,
            env.ToDictionary(e => e.Name, e => e.Value ?? "", StringComparer.Ordinal),
            plan is null ? null : new ResourcePlan(plan.Name, plan.CpuMilli, plan.MemoryBytes),
            TimeSpan.FromSeconds(job.ActiveDeadlineSeconds),
            job.Retries)
        {
            Secrets = env.Where(e => e.Private && e.Value is not null).Select(e => e.Value!).ToList(),
            PrivateEnv = env.Where(e => e.Private).Select(e => e.Name).ToHashSet(StringComparer.Ordinal),
            TeamOwner = job.TeamOwner,
            Pool = pool.Name,
            Manual = job.Manual,
        };
        return (spec, runner, null);
    }

    [LoggerMessage(EventId = 7400, Level = LogLevel.Information, Message = "Job {Job} run {RunId} starting {Image}")]
    private static partial void LogStarting(ILogger logger, string job, string runId, string image);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Job {Job} run {RunId} finished: exit {ExitCode}, error {Error}")]
    private static partial void LogFinished(ILogger logger, string job, string runId, int? exitCode, string? error);
}
