using Stratus.Apps.Events;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Events;

public abstract class AppEventStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();
    private readonly string _app = UniqueNames.Next("app");
    private readonly string _owner = UniqueNames.Next("user") + "@example.com";

    private AppEventStore Store() => new(backend.Account, _clock);

    [Fact]
    public async Task StartAsync_NewEvent_IsRunningAndReadable()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var started = await store.StartAsync(EventTarget.App(_app), EventKinds.AppDeploy, _owner, cancelable: true, "{\"version\":3}", ct);

        Assert.True(started.Running);
        Assert.Equal(_clock.GetUtcNow(), started.StartedAt);
        Assert.Equal(started, await store.GetAsync(started.Id, ct));
        Assert.Equal("app(" + _app + ")", started.Target.ToString());
        Assert.Null(await store.GetAsync("nope", ct));
    }

    [Fact]
    public async Task FinishAsync_Twice_KeepsTheFirstResult()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var started = await store.StartAsync(EventTarget.App(_app), EventKinds.AppRestart, _owner, false, null, ct);
        _clock.Advance(TimeSpan.FromSeconds(3));

        var failed = await store.FinishAsync(started.Id, EventStatus.Failed, "units crashed", ct);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var again = await store.FinishAsync(started.Id, EventStatus.Succeeded, null, ct);

        Assert.Equal(EventStatus.Failed, again!.Status);
        Assert.Equal("units crashed", again.Error);
        Assert.Equal(started.StartedAt + TimeSpan.FromSeconds(3), again.EndedAt);
        Assert.Equal(failed, await store.GetAsync(started.Id, ct));
        Assert.Equal(failed, (await store.ListAsync(new AppEventFilter { Target = EventTarget.App(_app) }, ct)).Single());
        Assert.Throws<ArgumentException>(() => { _ = store.FinishAsync(started.Id, EventStatus.Running, null, ct); });
    }

    [Fact]
    public async Task AskCancelAsync_CancelableRunning_RecordsAndAcknowledges()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var deploy = await store.StartAsync(EventTarget.App(_app), EventKinds.AppDeploy, _owner, true, null, ct);
        var restart = await store.StartAsync(EventTarget.App(_app), EventKinds.AppRestart, _owner, false, null, ct);

        Assert.Equal(AppEventCancelOutcome.Asked, await store.AskCancelAsync(deploy.Id, "bob", "wrong branch", ct));
        Assert.Equal(AppEventCancelOutcome.NotCancelable, await store.AskCancelAsync(restart.Id, "bob", null, ct));
        Assert.Equal(AppEventCancelOutcome.NotFound, await store.AskCancelAsync(TimeOrderedId.New(_clock.GetUtcNow()), "bob", null, ct));

        var asked = await store.GetAsync(deploy.Id, ct);
        Assert.Equal(new EventCancelInfo(true, "bob", "wrong branch", _clock.GetUtcNow(), false), asked!.CancelInfo);
        Assert.True((await store.AcknowledgeCancelAsync(deploy.Id, ct))!.CancelInfo.Acknowledged);
        await store.FinishAsync(deploy.Id, EventStatus.Canceled, "canceled by bob", ct);
        Assert.Equal(AppEventCancelOutcome.Finished, await store.AskCancelAsync(deploy.Id, "bob", null, ct));
    }

    [Fact]
    public async Task SetCancelableAsync_AfterBuild_RefusesCancel()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var deploy = await store.StartAsync(EventTarget.App(_app), EventKinds.AppDeploy, _owner, true, null, ct);

        await store.SetCancelableAsync(deploy.Id, false, ct);

        Assert.Equal(AppEventCancelOutcome.NotCancelable, await store.AskCancelAsync(deploy.Id, "bob", null, ct));
    }

    [Fact]
    public async Task ListAsync_Filters_ServeMatchingEventsNewestFirst()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var other = UniqueNames.Next("app");
        var t0 = _clock.GetUtcNow();
        var e1 = await store.StartAsync(EventTarget.App(_app), EventKinds.AppDeploy, _owner, true, null, ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var e2 = await store.StartAsync(EventTarget.App(_app), EventKinds.AppUpdateEnvSet, _owner, false, null, ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var e3 = await store.StartAsync(EventTarget.App(other), EventKinds.AppDeploy, _owner, true, null, ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var e4 = await store.StartAsync(EventTarget.App(_app), EventKinds.AppRestart, "someone-else", false, null, ct);
        await store.FinishAsync(e1.Id, EventStatus.Failed, "boom", ct);
        await store.FinishAsync(e2.Id, EventStatus.Succeeded, null, ct);

        async Task<string[]> Ids(AppEventFilter filter) => (await store.ListAsync(filter, ct)).Select(e => e.Id).ToArray();

        Assert.Equal([e4.Id, e2.Id, e1.Id], await Ids(new AppEventFilter { Target = EventTarget.App(_app) }));
        Assert.Equal([e3.Id, e2.Id, e1.Id], await Ids(new AppEventFilter { Owner = _owner }));
        Assert.Equal([e3.Id, e1.Id], await Ids(new AppEventFilter { Owner = _owner, Kinds = [EventKinds.AppDeploy] }));
        Assert.Equal([e3.Id, e2.Id], await Ids(new AppEventFilter { Owner = _owner, Kinds = [EventKinds.AppDeploy, EventKinds.AppUpdateEnvSet], Since = t0 + TimeSpan.FromMinutes(1) }));
        Assert.Equal([e2.Id, e1.Id], await Ids(new AppEventFilter { Owner = _owner, Until = t0 + TimeSpan.FromMinutes(1) }));
        Assert.Equal([e2.Id], await Ids(new AppEventFilter { Owner = _owner, Since = t0 + TimeSpan.FromMinutes(1), Until = t0 + TimeSpan.FromMinutes(1) }));
        Assert.Equal([e4.Id], await Ids(new AppEventFilter { Target = EventTarget.App(_app), Running = true }));
        Assert.Equal([e2.Id, e1.Id], await Ids(new AppEventFilter { Target = EventTarget.App(_app), Running = false }));
        Assert.Equal([e1.Id], await Ids(new AppEventFilter { Target = EventTarget.App(_app), ErrorOnly = true }));
        Assert.Equal([e3.Id], await Ids(new AppEventFilter { Owner = _owner, Limit = 1 }));
        Assert.Empty(await Ids(new AppEventFilter { Target = new EventTarget("app", UniqueNames.Next("none")) }));
    }

    [Fact]
    public async Task ListAsync_TargetWithSlashes_IsKeptApart()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var target = new EventTarget("job", "a/b#c?" + _app);

        var started = await store.StartAsync(target, "job.run", _owner, false, null, ct);

        Assert.Equal([started.Id], (await store.ListAsync(new AppEventFilter { Target = target }, ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task AppendLogAsync_Lines_ReadInOrderAndFollowFromOffset()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var started = await store.StartAsync(EventTarget.App(_app), EventKinds.AppDeploy, _owner, true, null, ct);

        Assert.Equal(new AppEventLog("", 0), await store.ReadLogAsync(started.Id, 0, ct));
        await store.AppendLogAsync(started.Id, ["---> building", "step 1 ✓"], ct);
        var first = await store.ReadLogAsync(started.Id, 0, ct);
        await store.AppendLogAsync(started.Id, ["step 2"], ct);
        await store.AppendLogAsync(started.Id, [], ct);
        var next = await store.ReadLogAsync(started.Id, first.NextOffset, ct);
        var whole = await store.ReadLogAsync(started.Id, 0, ct);
        var tail = await store.ReadLogAsync(started.Id, whole.NextOffset, ct);

        Assert.Equal("---> building\nstep 1 ✓\n", first.Text);
        Assert.Equal("step 2\n", next.Text);
        Assert.Equal("---> building\nstep 1 ✓\nstep 2\n", whole.Text);
        Assert.Equal(new AppEventLog("", whole.NextOffset), tail);
    }

    [Fact]
    public async Task AppendLogAsync_ConcurrentAppenders_LoseNoLine()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var started = await store.StartAsync(EventTarget.App(_app), EventKinds.AppDeploy, _owner, true, null, ct);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => store.AppendLogAsync(started.Id, [$"line {i}"], ct)));

        var log = await store.ReadLogAsync(started.Id, 0, ct);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"line {i}").Order(StringComparer.Ordinal), log.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }
}

public sealed class EmbeddedAppEventStoreTests(EmbeddedStorageBackend backend) : AppEventStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAppEventStoreTests(AzuriteStorageBackend backend) : AppEventStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
