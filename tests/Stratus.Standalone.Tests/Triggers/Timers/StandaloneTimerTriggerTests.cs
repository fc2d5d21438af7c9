using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Api.Triggers;
using Stratus.Standalone.Triggers.Timers;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>
/// The standalone timer loop on real embedded storage and the fake clock. Each step moves the clock to the next
/// occurrence and waits for the run it causes, so no test sleeps; duplicates are counted after the hosts have stopped.
/// </summary>
public sealed class StandaloneTimerTriggerTests : IAsyncLifetime
{
    private const string EveryTwoSeconds = "*/2 * * * * *";
    private const string EveryFiveMinutes = "0 */5 * * * *";
    private const int ClaimedElsewhereEvent = 2107;
    private const int FailedEvent = 2112;

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Start = TimerTestbed.Start;

    private readonly TimerTestbed _bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _bed.DisposeAsync().AsTask();

    [Fact]
    public async Task Run_TwoInstancesOnOneStore_FireEachOccurrenceOnce()
    {
        var ct = TestTimeout.Token();
        var a = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds));
        var b = _bed.AddHost("b", TimerTestbed.Tick(EveryTwoSeconds));
        await a.StartAsync(ct);
        await b.StartAsync(ct);

        await AdvanceThroughPeriodsAsync(10, ct);
        await a.StopAsync(ct);
        await b.StopAsync(ct);

        var runs = _bed.Recorder.All;
        Assert.Equal(10, runs.Count);
        Assert.Equal(Occurrences(1, 10), runs.Select(r => r.Invocation.ScheduleStatus!.Next).Order());
        Assert.Single(runs.Select(r => r.Host).Distinct());
        Assert.DoesNotContain(runs, r => r.Invocation.IsPastDue);
    }

    [Fact]
    public async Task Run_TwoInstancesBothHoldingTheLease_StatusETagLetsEachOccurrenceRunOnce()
    {
        var ct = TestTimeout.Token();
        var a = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds), configure: UseAlwaysHeldLeases);
        var b = _bed.AddHost("b", TimerTestbed.Tick(EveryTwoSeconds), configure: UseAlwaysHeldLeases);
        await a.StartAsync(ct);
        await b.StartAsync(ct);

        await AdvanceThroughPeriodsAsync(10, ct);
        await a.StopAsync(ct);
        await b.StopAsync(ct);

        var runs = _bed.Recorder.All;
        Assert.Equal(10, runs.Count);
        Assert.Equal(Occurrences(1, 10), runs.Select(r => r.Invocation.ScheduleStatus!.Next).Order());

        // Both instances went for the first occurrence from the same status; the loser's write was refused.
        Assert.True(_bed.Logs.Count(ClaimedElsewhereEvent) >= 1);
    }

    [Fact]
    public async Task Run_LeaseHolderDies_OtherInstanceTakesOverAfterExpiryWithoutDoubleFiring()
    {
        var ct = TestTimeout.Token();
        var a = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds));
        var b = _bed.AddHost("b", TimerTestbed.Tick(EveryTwoSeconds));
        await a.StartAsync(ct);
        await b.StartAsync(ct);
        await AdvanceThroughPeriodsAsync(3, ct);
        var holder = _bed.Recorder.All[0].Host;
        var (dead, survivor) = holder == a.Name ? (a, b) : (b, a);

        dead.Die();

        // The holder renewed its 15 s lease at 6 s at the latest: at 30 s it has run out and occurrences 8–30 were missed.
        _bed.Clock.Advance(TimeSpan.FromSeconds(24));
        var takeover = await _bed.Recorder.NextAsync(ct);
        await AdvanceThroughPeriodsAsync(2, ct);
        await survivor.StopAsync(ct);

        var runs = _bed.Recorder.All;
        Assert.Equal(6, runs.Count);
        Assert.All(runs.Take(3), r => Assert.Equal(dead.Name, r.Host));
        Assert.All(runs.Skip(3), r => Assert.Equal(survivor.Name, r.Host));
        Assert.True(takeover.Invocation.IsPastDue);
        Assert.Equal(Start.AddSeconds(8), takeover.Invocation.ScheduleStatus!.Next);
        Assert.Single(runs, r => r.Invocation.IsPastDue);
        Assert.Equal(
            [Start.AddSeconds(2), Start.AddSeconds(4), Start.AddSeconds(6), Start.AddSeconds(8), Start.AddSeconds(32), Start.AddSeconds(34)],
            runs.Select(r => r.Invocation.ScheduleStatus!.Next));
    }

    [Fact]
    public async Task Start_RecordedNextInThePast_FiresOncePastDueThenFollowsTheSchedule()
    {
        var ct = TestTimeout.Token();
        var missed = Start.AddMinutes(-55);
        await _bed.WithStatusStoreAsync(
            store => store.TryCreateAsync(new TimerScheduleStatus(Start.AddHours(-1), missed, Start.AddHours(-1)), ct),
            ct);
        var host = _bed.AddHost("a", TimerTestbed.Tick(EveryFiveMinutes));

        await host.StartAsync(ct);
        var pastDue = await _bed.Recorder.NextAsync(ct);
        _bed.Clock.Advance(TimeSpan.FromMinutes(5));
        var onSchedule = await _bed.Recorder.NextAsync(ct);
        await host.StopAsync(ct);

        Assert.Equal(2, _bed.Recorder.All.Count);
        Assert.True(pastDue.Invocation.IsPastDue);
        Assert.Equal(missed, pastDue.Invocation.ScheduleStatus!.Next);
        Assert.False(onSchedule.Invocation.IsPastDue);
        Assert.Equal(Start.AddMinutes(5), onSchedule.Invocation.ScheduleStatus!.Next);
        var status = await _bed.WithStatusStoreAsync(store => store.LoadOrCreateAsync(() => throw new InvalidOperationException("The status should exist."), ct), ct);
        Assert.Equal(Start.AddMinutes(5), status.Status.Last);
        Assert.Equal(Start.AddMinutes(10), status.Status.Next);
    }

    [Fact]
    public async Task Start_UseMonitorOffAndRecordedNextInThePast_SkipsThePastDueRun()
    {
        var ct = TestTimeout.Token();
        await _bed.WithStatusStoreAsync(
            store => store.TryCreateAsync(new TimerScheduleStatus(Start.AddHours(-1), Start.AddMinutes(-55), Start.AddHours(-1)), ct),
            ct);
        var host = _bed.AddHost("a", services =>
        {
            services.AddSingleton(new FunctionDeclaration(
                TimerTestbed.FunctionName,
                new TimerFunctionTrigger(EveryFiveMinutes, UseMonitor: false),
                typeof(RecordingTimer)));
            services.AddScoped<RecordingTimer>();
        });

        await host.StartAsync(ct);
        _bed.Clock.Advance(TimeSpan.FromMinutes(5));
        var run = await _bed.Recorder.NextAsync(ct);
        await host.StopAsync(ct);

        Assert.Single(_bed.Recorder.All);
        Assert.False(run.Invocation.IsPastDue);
        Assert.Null(run.Invocation.ScheduleStatus);
    }

    [Fact]
    public async Task Start_RunOnStartupOnTwoInstances_FiresOnceAtStart()
    {
        var ct = TestTimeout.Token();
        var a = _bed.AddHost("a", TimerTestbed.Tick(EveryFiveMinutes, runOnStartup: true));
        var b = _bed.AddHost("b", TimerTestbed.Tick(EveryFiveMinutes, runOnStartup: true));

        await a.StartAsync(ct);
        await b.StartAsync(ct);
        var run = await _bed.Recorder.NextAsync(ct);
        await b.StopAsync(ct);
        await a.StopAsync(ct);

        Assert.Single(_bed.Recorder.All);
        Assert.False(run.Invocation.IsPastDue);
        Assert.Equal(TimerTestbed.FunctionName, run.Invocation.FunctionName);
    }

    [Theory]
    [InlineData("0 0 * * *")]
    [InlineData("not a schedule")]
    [InlineData("0 0 25 * * *")]
    public async Task Start_InvalidSchedule_FailsNamingFunctionAndExpression(string schedule)
    {
        var ct = TestTimeout.Token();
        var host = _bed.AddHost("a", services => services.AddTimerFunction<RecordingTimer>("nightly-report", schedule));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(ct));

        Assert.Contains("'nightly-report'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{schedule}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidHostId_FailsNamingTheSetting()
    {
        var ct = TestTimeout.Token();
        var host = _bed.AddHost(
            "a",
            TimerTestbed.Tick(EveryTwoSeconds),
            new Dictionary<string, string?> { ["Stratus:Functions:HostId"] = "Not_A_Host" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(ct));

        Assert.Contains("Stratus:Functions:HostId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ScheduleChangedSinceStatusWasRecorded_NewScheduleDecidesWhatIsDue()
    {
        var ct = TestTimeout.Token();

        // Recorded a minute ago under an hourly schedule: next at 01:00. Every five minutes, the next is 00:00, now.
        await _bed.WithStatusStoreAsync(
            store => store.TryCreateAsync(new TimerScheduleStatus(Start.AddHours(-1), Start.AddHours(1), Start.AddMinutes(-1)), ct),
            ct);
        var host = _bed.AddHost("a", TimerTestbed.Tick(EveryFiveMinutes));

        await host.StartAsync(ct);
        var run = await _bed.Recorder.NextAsync(ct);
        await host.StopAsync(ct);

        Assert.Single(_bed.Recorder.All);
        Assert.False(run.Invocation.IsPastDue);
    }

    [Fact]
    public async Task Run_HandlerThrows_LaterOccurrencesStillRun()
    {
        var ct = TestTimeout.Token();
        _bed.Recorder.Behavior = (_, _) => throw new InvalidOperationException("The timer function failed.");
        var host = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds));
        await host.StartAsync(ct);

        await AdvanceThroughPeriodsAsync(3, ct);
        await host.StopAsync(ct);

        Assert.Equal(3, _bed.Recorder.All.Count);
        Assert.Equal(3, _bed.Logs.Count(FailedEvent));
    }

    [Fact]
    public async Task Stop_InvocationInFlight_FinishesItAndFiresNoMore()
    {
        var ct = TestTimeout.Token();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Recorder.Behavior = async (_, token) =>
        {
            handlerToken.SetResult(token);
            await gate.Task;
        };
        var host = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds));
        await host.StartAsync(ct);
        _bed.Clock.Advance(Period);
        await _bed.Recorder.NextAsync(ct);

        var stopping = host.StopAsync(ct);
        Assert.False(stopping.IsCompleted);
        _bed.Clock.Advance(Period);
        gate.SetResult();
        await stopping;
        _bed.Clock.Advance(Period * 5);

        Assert.Single(_bed.Recorder.All);
        Assert.Equal(1, _bed.Recorder.Completed);
        Assert.False((await handlerToken.Task).IsCancellationRequested);
    }

    [Fact]
    public async Task Stop_ShutdownTimeoutRunsOut_CancelsTheInvocationInFlight()
    {
        var ct = TestTimeout.Token();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Recorder.Behavior = async (_, token) =>
        {
            using var registration = token.Register(cancelled.SetResult);
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
        };
        var host = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds));
        await host.StartAsync(ct);
        _bed.Clock.Advance(Period);
        await _bed.Recorder.NextAsync(ct);
        using var shutdownTimeout = new CancellationTokenSource();

        var stopping = host.StopAsync(shutdownTimeout.Token);
        Assert.False(stopping.IsCompleted);
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(ct);

        await cancelled.Task.WaitAsync(ct);
        Assert.Equal(0, _bed.Recorder.Completed);
    }

    [Fact]
    public async Task Stop_ArrivesWhileTheClaimIsBeingWritten_StillRunsTheClaimedOccurrence()
    {
        var ct = TestTimeout.Token();
        var storage = new StatusWriteObserver(StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = _bed.DataPath }, _bed.Clock));
        var host = _bed.AddHost("a", TimerTestbed.Tick(EveryTwoSeconds), configure: services => services.AddSingleton<IStorageAccount>(storage));
        await host.StartAsync(ct);
        var statusBlob = TimerStorageNames.StatusBlob("stratus", TimerTestbed.FunctionName);
        Task? stopping = null;
        storage.AfterUpload = blobName =>
        {
            // The claim has been applied by the service when the stop signal comes, before its answer is read.
            if (blobName == statusBlob)
            {
                stopping ??= host.StopAsync(ct);
            }
        };

        _bed.Clock.Advance(Period);
        Task? stopped;
        while ((stopped = Volatile.Read(ref stopping)) is null)
        {
            await Task.Delay(10, ct);
        }

        await stopped.WaitAsync(ct);

        var status = await _bed.WithStatusStoreAsync(store => store.LoadOrCreateAsync(() => throw new InvalidOperationException("The status should exist."), ct), ct);
        Assert.Equal(Start + Period, status.Status.Last);
        var run = Assert.Single(_bed.Recorder.All);
        Assert.Equal(Start + Period, run.Invocation.ScheduleStatus!.Next);
    }

    private static void UseAlwaysHeldLeases(IServiceCollection services) =>
        services.AddSingleton<ITimerLeaseFactory, AlwaysHeldLeaseFactory>();

    private static IEnumerable<DateTimeOffset> Occurrences(int first, int count) =>
        Enumerable.Range(first, count).Select(i => Start + (i * Period));

    /// <summary>Moves the clock one period at a time, each time waiting for the run that the occurrence starts.</summary>
    private async Task AdvanceThroughPeriodsAsync(int periods, CancellationToken cancellationToken)
    {
        for (var i = 0; i < periods; i++)
        {
            _bed.Clock.Advance(Period);
            await _bed.Recorder.NextAsync(cancellationToken);
        }
    }
}
