using Stratus.Api.Triggers;
using Stratus.Api.Infra.Jobs;
using Stratus.Infra.Jobs;
using Stratus.Infra.Schedules;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Schedules;

/// <summary>
/// Fires due schedules: reads the due index (never the workspaces), queues a job per firing with a once-key, so the
/// firing makes one job however many instances run this timer at once or however often a crashed run is repeated, then
/// moves the schedule to its next firing. A locked or deleted workspace skips the firing and says so on the schedule.
/// </summary>
internal sealed partial class ScheduleTimerFunction(
    ScheduleStore schedules, WorkspaceStore workspaces, JobFactory jobs, TimeProvider time, ILogger<ScheduleTimerFunction> logger) : ITimerFunction
{
    public const string Name = "infraSchedules";
    public const string Schedule = "*/2 * * * * *";

    /// <summary>The most firings one run handles; the rest wait for the next run, two seconds later.</summary>
    public const int MaxFiringsPerRun = 500;

    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) => RunAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>Fires what is due before <paramref name="now"/>.</summary>
    /// <returns>How many firings this run handled (queued or skipped).</returns>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var firing in await schedules.DueAsync(now, MaxFiringsPerRun, cancellationToken))
        {
            try
            {
                if (await FireAsync(firing, now, cancellationToken))
                {
                    handled++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One bad firing must not hold up the others; the row stays due, so the next run tries again.
                LogFiringFailed(logger, ex, firing.Organization, firing.Workspace, firing.ScheduleId, firing.DueAt);
            }
        }

        return handled;
    }

    private async Task<bool> FireAsync(ScheduleFiring firing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await schedules.ResolveAsync(firing, cancellationToken) is not { } schedule)
        {
            LogStale(logger, firing.Organization, firing.Workspace, firing.ScheduleId, firing.DueAt);
            await schedules.RemoveStaleAsync(firing, cancellationToken);
            return false;
        }

        ScheduleOutcome outcome;
        var workspace = await workspaces.GetAsync(firing.Organization, firing.Workspace, cancellationToken);
        if (workspace is null)
        {
            outcome = new ScheduleOutcome(null, $"Workspace '{firing.Workspace}' no longer exists.");
        }
        else if (workspace.Locked)
        {
            outcome = new ScheduleOutcome(null, $"Workspace '{firing.Workspace}' is locked{(workspace.LockReason is { Length: > 0 } reason ? $": {reason}" : ".")}");
        }
        else
        {
            var created = await jobs.CreateAsync(
                firing.Organization, firing.Workspace, schedule.Template, JobVia.Schedule, $"schedule:{schedule.Id}",
                $"Scheduled by {schedule.Id} ({schedule.Cron}) for {firing.DueAt:u}.", firing.OnceKey, authorize: null, cancellationToken);
            outcome = created switch
            {
                { Job: { } job } => new ScheduleOutcome(job.Id, null),
                { Duplicate: true } => new ScheduleOutcome(null, null),
                _ => new ScheduleOutcome(null, created.Problem ?? "The job could not be created."),
            };
        }

        if (outcome.SkipReason is { } skip)
        {
            LogSkipped(logger, firing.Organization, firing.Workspace, firing.ScheduleId, firing.DueAt, skip);
        }
        else if (outcome.JobId is { } jobId)
        {
            LogQueued(logger, firing.Organization, firing.Workspace, firing.ScheduleId, firing.DueAt, jobId);
        }
        else
        {
            LogDuplicate(logger, firing.Organization, firing.Workspace, firing.ScheduleId, firing.DueAt);
        }

        var advanced = await schedules.AdvanceAsync(firing, outcome, now, cancellationToken);
        if (advanced is not null)
        {
            LogAdvanced(logger, firing.Organization, firing.Workspace, firing.ScheduleId, advanced.NextDueAt);
        }

        return true;
    }

    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "Schedule {ScheduleId} of {Organization}/{Workspace} due {DueAt:o} queued job {JobId}")]
    private static partial void LogQueued(ILogger logger, string organization, string workspace, string scheduleId, DateTimeOffset dueAt, int jobId);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} of {Organization}/{Workspace} due {DueAt:o} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string organization, string workspace, string scheduleId, DateTimeOffset dueAt, string reason);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Debug, Message = "Schedule {ScheduleId} of {Organization}/{Workspace} due {DueAt:o} already has its job (another instance fired it)")]
    private static partial void LogDuplicate(ILogger logger, string organization, string workspace, string scheduleId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Debug, Message = "Schedule {ScheduleId} of {Organization}/{Workspace} next due {NextDueAt:o}")]
    private static partial void LogAdvanced(ILogger logger, string organization, string workspace, string scheduleId, DateTimeOffset? nextDueAt);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Debug, Message = "Stale due-index row for schedule {ScheduleId} of {Organization}/{Workspace} at {DueAt:o} removed")]
    private static partial void LogStale(ILogger logger, string organization, string workspace, string scheduleId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Error, Message = "Firing schedule {ScheduleId} of {Organization}/{Workspace} due {DueAt:o} failed; the next run retries it")]
    private static partial void LogFiringFailed(ILogger logger, Exception exception, string organization, string workspace, string scheduleId, DateTimeOffset dueAt);
}
