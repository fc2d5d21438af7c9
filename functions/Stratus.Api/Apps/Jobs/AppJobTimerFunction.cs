using Stratus.Api.Triggers;
using Stratus.Apps.Jobs;
using Stratus.Orchestrations.AppJobs;

namespace Stratus.Api.Apps.Jobs;

/// <summary>
/// Fires due job schedules, as <see cref="Infra.Schedules.ScheduleTimerFunction"/> fires workspace schedules: reads the
/// jobs due by now (one partition query), starts the run of each due time through <see cref="AppJobTrigger"/> (its run
/// id comes from the job and the due time, so however many hosts run this timer, or however often a crashed run is
/// repeated, a due time makes one run), then moves the job to its next firing. Both hosts call this class: the
/// Functions timer and the standalone host's timer loop.
/// </summary>
internal sealed partial class AppJobTimerFunction(AppJobStore jobs, AppJobTrigger trigger, TimeProvider time, ILogger<AppJobTimerFunction> logger) : ITimerFunction
{
    public const string Name = "appJobSchedules";

    /// <summary>Every five seconds: cron's granularity is a minute, so a run starts within seconds of its minute.</summary>
    public const string Schedule = "*/5 * * * * *";

    /// <summary>The most firings one run handles; the rest wait for the next run.</summary>
    public const int MaxFiringsPerRun = 200;

    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) => RunAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>Fires what is due at or before <paramref name="now"/>.</summary>
    /// <returns>How many firings this run handled (started, found started by another host, or skipped by the concurrency policy).</returns>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var job in await jobs.DueAsync(now, MaxFiringsPerRun, cancellationToken))
        {
            var dueAt = job.NextDueAt!.Value;
            try
            {
                var result = await trigger.FireAsync(job, dueAt, cancellationToken);
                LogFired(logger, job.Name, dueAt, result.Run?.Id, result.Duplicate, result.Skipped);
                await jobs.AdvanceAsync(job.Name, dueAt, now, cancellationToken);
                handled++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One bad firing must not hold up the others; the job stays due, so the next run tries again.
                LogFiringFailed(logger, ex, job.Name, dueAt);
            }
        }

        return handled;
    }

    [LoggerMessage(EventId = 7420, Level = LogLevel.Information, Message = "Job {Job} due {DueAt:o}: run {RunId} (already started elsewhere: {Duplicate}; skipped: {Skipped})")]
    private static partial void LogFired(ILogger logger, string job, DateTimeOffset dueAt, string? runId, bool duplicate, string? skipped);

    [LoggerMessage(EventId = 7421, Level = LogLevel.Error, Message = "Firing job {Job} due {DueAt:o} failed; the next run retries it")]
    private static partial void LogFiringFailed(ILogger logger, Exception exception, string job, DateTimeOffset dueAt);
}
