using Stratus.Api.Triggers;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// Runs one timer function as the Functions host does, on any number of instances sharing one store:
/// <list type="bullet">
/// <item>only the lease holder fires; it renews every third of the lease, and the others try to take over as often;</item>
/// <item>an occurrence runs only after its claim won: the status blob is rewritten (<c>Last</c> = the occurrence,
/// <c>Next</c> = the one after now) with <c>If-Match</c> on the ETag this instance last saw. Two instances that both
/// believe they hold the lease therefore cannot both run it: the loser's write fails, it reloads, and waits for the
/// new <c>Next</c>. Claiming before running makes it at most once per occurrence;</item>
/// <item>on taking the lease, a recorded <c>Next</c> already past fires once, past due; otherwise
/// <c>RunOnStartup</c> fires once, the first time this instance takes the lease.</item>
/// </list>
/// One loop per function; the invocation runs beside it so the lease is renewed while the function works.
/// </summary>
internal sealed class TimerFunctionRunner
{
    private static readonly TimeSpan ArmingTolerance = TimeSpan.FromMilliseconds(10);

    private readonly FunctionDeclaration _function;
    private readonly TimerFunctionTrigger _trigger;
    private readonly TimerSchedule _schedule;
    private readonly TimerStatusStore _status;
    private readonly ITimerLease _lease;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _leaseInterval;

    private bool _held;
    private bool _startupDone;
    private DateTimeOffset _renewAt;
    private DateTimeOffset _nextAttempt;
    private StoredTimerStatus? _stored;
    private DateTimeOffset _due;
    private TimerFireKind? _pending;

    public TimerFunctionRunner(
        FunctionDeclaration function,
        TimerSchedule schedule,
        TimerStatusStore status,
        ITimerLease lease,
        TimeSpan leaseDuration,
        IServiceScopeFactory scopes,
        TimeProvider time,
        ILogger logger)
    {
        _function = function;
        _trigger = (TimerFunctionTrigger)function.Trigger;
        _schedule = schedule;
        _status = status;
        _lease = lease;
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _leaseInterval = leaseDuration / 3;
    }

    public string FunctionName => _function.Name;

    public string LeaseName => _lease.Name;

    public string Schedule => _schedule.Expression;

    /// <summary>
    /// The first attempt to take the lease, made while the host starts so that a holder is known (and a past-due or
    /// start-up invocation is queued) before the loop runs. Storage failures are logged and left to the loop.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TryTakeLeaseAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            OnStorageFailure(ex);
        }
    }

    /// <param name="stopping">Stops firing: waits end and no new occurrence starts.</param>
    /// <param name="abort">The invocations' token: trips when the host stops waiting for them.</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await StepAsync(stopping, abort);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                OnStorageFailure(ex);
            }
        }
    }

    /// <summary>On a graceful stop, so that another instance takes over at once rather than after the lease runs out.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!_held)
        {
            return;
        }

        _held = false;
        try
        {
            await _lease.ReleaseAsync(cancellationToken);
            TimerTriggerLog.LeaseReleased(_logger, _function.Name, _lease.Name);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease runs out on its own; there is nothing more to do at shutdown.
            TimerTriggerLog.StorageFailed(_logger, _function.Name, TimeSpan.Zero, ex);
        }
    }

    /// <summary>One decision of the loop; each either waits or does one storage step, then the state is looked at again.</summary>
    private async Task StepAsync(CancellationToken stopping, CancellationToken abort)
    {
        var now = _time.GetUtcNow();
        if (!_held)
        {
            if (now < _nextAttempt)
            {
                await DelayUntilAsync(_nextAttempt, stopping);
                return;
            }

            _nextAttempt = now + _leaseInterval;
            await TryTakeLeaseAsync(stopping);
            return;
        }

        if (now >= _renewAt)
        {
            await RenewAsync(stopping);
            return;
        }

        if (_pending is { } pending)
        {
            _pending = null;
            await FireAsync(pending, stopping, abort);
            return;
        }

        if (now >= _due)
        {
            await FireAsync(TimerFireKind.Scheduled, stopping, abort);
            return;
        }

        await DelayUntilAsync(_due < _renewAt ? _due : _renewAt, stopping);
    }

    private async Task TryTakeLeaseAsync(CancellationToken cancellationToken)
    {
        if (!await _lease.TryAcquireAsync(cancellationToken))
        {
            TimerTriggerLog.LeaseHeldElsewhere(_logger, _function.Name, _lease.Name);
            return;
        }

        var now = _time.GetUtcNow();
        _held = true;
        _renewAt = now + _leaseInterval;
        await ReloadAsync(now, cancellationToken);

        var pastDue = _due < now;
        if (pastDue && !_trigger.UseMonitor)
        {
            // Without a schedule monitor the host keeps no history to be past due against: a missed occurrence is skipped.
            _due = _schedule.NextAfter(now);
            pastDue = false;
        }

        // As in the Functions host, a past-due run stands in for the start-up run.
        _pending = pastDue ? TimerFireKind.PastDue
            : _trigger.RunOnStartup && !_startupDone ? TimerFireKind.Startup
            : null;
        _startupDone |= pastDue;
        TimerTriggerLog.LeaseAcquired(_logger, _function.Name, _lease.Name, _due);
        if (pastDue)
        {
            TimerTriggerLog.PastDue(_logger, _function.Name, _due);
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        bool renewed;
        try
        {
            renewed = await _lease.TryRenewAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Unsure whether the lease is still ours: stop firing; the next attempt re-acquires it if it is.
            TimerTriggerLog.StorageFailed(_logger, _function.Name, _leaseInterval, ex);
            renewed = false;
        }

        var now = _time.GetUtcNow();
        if (renewed)
        {
            _renewAt = now + _leaseInterval;
            return;
        }

        _held = false;
        _nextAttempt = now + _leaseInterval;
        TimerTriggerLog.LeaseLost(_logger, _function.Name, _lease.Name);
    }

    private async Task FireAsync(TimerFireKind kind, CancellationToken stopping, CancellationToken abort)
    {
        var previous = _stored!;
        _startupDone |= kind == TimerFireKind.Startup;
        var now = _time.GetUtcNow();
        var occurrence = kind == TimerFireKind.Startup ? now : _due;
        var claim = new TimerScheduleStatus(occurrence, _schedule.NextAfter(now), now);

        // Not cancelled by the stop signal: a claim cut off in flight may already be recorded, and its occurrence
        // would then never run. A claim that completes is run, even if the stop signal came meanwhile.
        if (await _status.TryReplaceAsync(claim, previous.ETag, CancellationToken.None) is not { } written)
        {
            TimerTriggerLog.ClaimedElsewhere(_logger, _function.Name, occurrence);
            await ReloadAsync(now, stopping);
            return;
        }

        _stored = written;
        _due = claim.Next;
        var invocation = new TimerInvocation(
            _function.Name,
            _trigger.UseMonitor ? previous.Status : null,
            kind == TimerFireKind.PastDue);
        var run = Task.Run(() => InvokeAsync(invocation, kind, occurrence, abort), CancellationToken.None);
        await KeepLeaseWhileAsync(run, stopping);
    }

    /// <summary>Renews the lease until <paramref name="run"/> ends; the run itself always finishes (bounded by its own token).</summary>
    private async Task KeepLeaseWhileAsync(Task run, CancellationToken stopping)
    {
        while (!run.IsCompleted && _held && !stopping.IsCancellationRequested)
        {
            var untilRenewal = _renewAt - _time.GetUtcNow();
            if (untilRenewal > TimeSpan.Zero)
            {
                using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var delay = Task.Delay(untilRenewal, _time, delayCancellation.Token);
                await Task.WhenAny(run, delay);
                await delayCancellation.CancelAsync();
                continue;
            }

            try
            {
                await RenewAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
        }

        await run;
    }

    private async Task InvokeAsync(TimerInvocation invocation, TimerFireKind kind, DateTimeOffset occurrence, CancellationToken abort)
    {
        var started = _time.GetTimestamp();
        TimerTriggerLog.Executing(_logger, _function.Name, kind, occurrence, invocation.IsPastDue);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var handler = (ITimerFunction)scope.ServiceProvider.GetRequiredService(_function.HandlerType!);
            await handler.RunAsync(invocation, abort);
            TimerTriggerLog.Executed(_logger, _function.Name, ElapsedMilliseconds(started));
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            TimerTriggerLog.CancelledAtShutdown(_logger, _function.Name, ElapsedMilliseconds(started));
        }
        catch (Exception ex)
        {
            // A failed run is the function's problem, not the schedule's: the next occurrence still comes.
            TimerTriggerLog.Failed(_logger, _function.Name, ElapsedMilliseconds(started), ex);
        }
    }

    private async Task ReloadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _stored = await _status.LoadOrCreateAsync(() => new TimerScheduleStatus(DateTimeOffset.MinValue, _schedule.NextAfter(now), now), cancellationToken);
        _due = DueOf(_stored.Status);
    }

    /// <summary>
    /// Every write records <c>Next</c> as the schedule's first occurrence after <c>LastUpdated</c>. When that no
    /// longer holds, the schedule changed since (a deploy), and the new schedule decides what was due.
    /// </summary>
    private DateTimeOffset DueOf(TimerScheduleStatus status)
    {
        var expected = _schedule.NextAfter(status.LastUpdated);
        if (expected == status.Next)
        {
            return status.Next;
        }

        TimerTriggerLog.ScheduleChanged(_logger, _function.Name, status.Next, expected);
        return expected;
    }

    private void OnStorageFailure(Exception ex)
    {
        // Whether the lease is still ours is unknown: stop firing and re-acquire (the same lease id renews it if so).
        TimerTriggerLog.StorageFailed(_logger, _function.Name, _leaseInterval, ex);
        _held = false;
        _pending = null;
        _nextAttempt = _time.GetUtcNow() + _leaseInterval;
    }

    /// <summary>
    /// Waits until the clock reads <paramref name="target"/>. A timer is armed relative to the moment it is created, so
    /// if the clock jumped between reading it and arming (a suspended VM, a test clock) the timer would fire late by
    /// the jump and an occurrence could be skipped: such a timer is armed again from the new time.
    /// </summary>
    private async Task DelayUntilAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now >= target)
            {
                return;
            }

            using var rearm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(target - now, _time, rearm.Token);
            if (_time.GetUtcNow() - now <= ArmingTolerance)
            {
                await delay;
                return;
            }

            await rearm.CancelAsync();
        }
    }

    private long ElapsedMilliseconds(long startedTimestamp) => (long)_time.GetElapsedTime(startedTimestamp).TotalMilliseconds;
}
