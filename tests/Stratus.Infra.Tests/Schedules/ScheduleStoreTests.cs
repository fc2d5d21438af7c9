using Stratus.Infra.Schedules;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Infra.Tests.Schedules;

public abstract class ScheduleStoreTests(StorageBackend backend)
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 10, 0, 5, TimeSpan.Zero);
    private readonly ScheduleStore _store = new(backend.Account);

    [Fact]
    public async Task CreateAsync_Enabled_RecordsNextDueAndIndexesIt()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");

        var created = await _store.CreateAsync(New(org, "0 0/5 * ? * * *"), Now, ct);
        var read = await _store.GetAsync(org, "ws", created!.Id, ct);

        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 5, 0, TimeSpan.Zero), read!.NextDueAt);
        Assert.Empty(await DueAsync(org, new DateTimeOffset(2030, 1, 1, 10, 5, 0, TimeSpan.Zero), ct));
        var due = Assert.Single(await DueAsync(org, Now.AddMinutes(6), ct));
        Assert.Equal(created.Id, due.ScheduleId);
        Assert.Equal(read.NextDueAt, due.DueAt);
        Assert.Null(await _store.CreateAsync(created, Now, ct));
    }

    [Fact]
    public async Task CreateAsync_Disabled_HasNoNextDueNorIndexRow()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");

        var created = await _store.CreateAsync(New(org, "* * * ? * *") with { Enabled = false }, Now, ct);

        Assert.Null(created!.NextDueAt);
        Assert.Empty(await DueAsync(org, Now.AddYears(1), ct));
    }

    [Fact]
    public async Task CreateAsync_InvalidCron_ThrowsAndWritesNothing()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");

        await Assert.ThrowsAsync<FormatException>(() => _store.CreateAsync(New(org, "0 0 * * *"), Now, ct));

        Assert.Empty((await _store.ListAsync(org, "ws", 10, null, ct)).Items);
        Assert.Empty(await DueAsync(org, Now.AddYears(1), ct));
    }

    [Fact]
    public async Task UpdateAsync_DisableEnableAndNewCron_KeepOneIndexRowMatchingTheSchedule()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");
        var created = await _store.CreateAsync(New(org, "0 0/5 * ? * * *"), Now, ct);

        var disabled = await _store.UpdateAsync(org, "ws", created!.Id, s => s with { Enabled = false }, Now, ct);
        var indexWhenDisabled = await DueAsync(org, Now.AddYears(1), ct);
        var enabled = await _store.UpdateAsync(org, "ws", created.Id, s => s with { Enabled = true }, Now.AddHours(1), ct);
        var recron = await _store.UpdateAsync(org, "ws", created.Id, s => s with { Cron = "0 0 12 * * ?" }, Now.AddHours(1), ct);
        var described = await _store.UpdateAsync(org, "ws", created.Id, s => s with { Description = "noon" }, Now.AddHours(2), ct);

        Assert.Null(disabled!.NextDueAt);
        Assert.Empty(indexWhenDisabled);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 11, 5, 0, TimeSpan.Zero), enabled!.NextDueAt);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), recron!.NextDueAt);
        Assert.Equal(recron.NextDueAt, described!.NextDueAt);
        var due = Assert.Single(await DueAsync(org, Now.AddYears(1), ct));
        Assert.Equal(recron.NextDueAt, due.DueAt);
        Assert.Null(await _store.UpdateAsync(org, "ws", "sch-none", s => s, Now, ct));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheScheduleAndItsIndexRow()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");
        var created = await _store.CreateAsync(New(org, "0 0/5 * ? * * *"), Now, ct);

        Assert.True(await _store.DeleteAsync(org, "ws", created!.Id, ct));

        Assert.Null(await _store.GetAsync(org, "ws", created.Id, ct));
        Assert.Empty(await DueAsync(org, Now.AddYears(1), ct));
        Assert.False(await _store.DeleteAsync(org, "ws", created.Id, ct));
    }

    [Fact]
    public async Task AdvanceAsync_Backlog_FiresOnceAndMovesPastNow()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");
        var created = await _store.CreateAsync(New(org, "0 * * ? * *"), Now, ct);
        var later = Now.AddMinutes(30).AddSeconds(10);
        var firing = Assert.Single(await DueAsync(org, later, ct));

        var advanced = await _store.AdvanceAsync(firing, new ScheduleOutcome(7, null), later, ct);
        var again = await _store.AdvanceAsync(firing, new ScheduleOutcome(8, null), later, ct);

        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 1, 0, TimeSpan.Zero), firing.DueAt);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 31, 0, TimeSpan.Zero), advanced!.NextDueAt);
        Assert.Equal(firing.DueAt, advanced.LastFiredAt);
        Assert.Equal(7, advanced.LastJobId);
        Assert.Null(again);
        Assert.Empty(await DueAsync(org, later, ct));
        var next = Assert.Single(await DueAsync(org, later.AddHours(1), ct));
        Assert.Equal(advanced.NextDueAt, next.DueAt);
        Assert.Equal(created!.Id, next.ScheduleId);
    }

    [Fact]
    public async Task AdvanceAsync_TwoInstancesAtOnce_OneAdvancesAndOneIndexRowRemains()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");
        await _store.CreateAsync(New(org, "0/1 * * ? * *"), Now, ct);
        var other = new ScheduleStore(backend.Account);
        var firing = Assert.Single(await DueAsync(org, Now.AddSeconds(2), ct));

        var results = await Task.WhenAll(
            _store.AdvanceAsync(firing, new ScheduleOutcome(1, null), Now.AddSeconds(2), ct),
            other.AdvanceAsync(firing, new ScheduleOutcome(null, null), Now.AddSeconds(3), ct));

        var winner = Assert.Single(results, r => r is not null);
        var row = Assert.Single(await DueAsync(org, Now.AddYears(1), ct));
        Assert.Equal(winner!.NextDueAt, row.DueAt);
        Assert.Equal(winner.NextDueAt, (await _store.GetAsync(org, "ws", winner.Id, ct))!.NextDueAt);
    }

    [Fact]
    public async Task AdvanceAsync_Skip_RecordsTheReason()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");
        await _store.CreateAsync(New(org, "0 * * ? * *"), Now, ct);
        var firing = Assert.Single(await DueAsync(org, Now.AddMinutes(2), ct));

        var advanced = await _store.AdvanceAsync(firing, new ScheduleOutcome(null, "Workspace 'ws' is locked."), Now.AddMinutes(1).AddSeconds(1), ct);

        Assert.Equal("Workspace 'ws' is locked.", advanced!.LastSkipReason);
        Assert.Null(advanced.LastJobId);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 2, 0, TimeSpan.Zero), advanced.NextDueAt);
    }

    [Fact]
    public async Task ResolveAsync_StaleRow_IsNullAndRemoveStaleDeletesIt()
    {
        var ct = TestTimeout.Token();
        var org = UniqueNames.Next("o");
        var created = await _store.CreateAsync(New(org, "0 * * ? * *"), Now, ct);
        var firing = Assert.Single(await DueAsync(org, Now.AddMinutes(2), ct));
        var stale = firing with { DueAt = firing.DueAt.AddSeconds(-30), RowKey = firing.RowKey.Replace(firing.DueAt.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture), firing.DueAt.AddSeconds(-30).UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) };

        Assert.NotNull(await _store.ResolveAsync(firing, ct));
        Assert.Null(await _store.ResolveAsync(stale, ct));
        await _store.RemoveStaleAsync(stale, ct);
        await _store.DeleteAsync(org, "ws", created!.Id, ct);
        Assert.Null(await _store.ResolveAsync(firing, ct));
        Assert.Empty(await DueAsync(org, Now.AddYears(1), ct));
    }

    private static Schedule New(string org, string cron) =>
        new(org, "ws", ScheduleStore.NewId(), cron, "plan", null, true, null, null, null, null, Now, "test", Now);

    private async Task<IReadOnlyList<ScheduleFiring>> DueAsync(string org, DateTimeOffset now, CancellationToken ct) =>
        (await _store.DueAsync(now, 5000, ct)).Where(f => f.Organization == org).ToList();
}

public sealed class EmbeddedScheduleStoreTests(EmbeddedStorageBackend backend) : ScheduleStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteScheduleStoreTests(AzuriteStorageBackend backend) : ScheduleStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
